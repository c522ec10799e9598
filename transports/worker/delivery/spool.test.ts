import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listSegments, Spool } from './spool.js'

const dir = (): string => join(mkdtempSync(join(tmpdir(), 'linecast-spool-')), 'dest')
const line = (i: number): string => JSON.stringify({ eventId: `e${i}`, i })
const lines = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, k) => line(from + k))

describe('Spool', () => {
  it('writes blocks into NDJSON segments and reads them back in order across instances', () => {
    const d = dir()
    const first = new Spool(d, 30)
    first.append(lines(0, 3))
    first.append(lines(3, 5))
    first.append(lines(5, 7))
    first.close()
    expect(listSegments(d)).toHaveLength(3)

    const second = new Spool(d)
    expect(second.hasPending).toBe(true)
    expect(second.lines).toBe(7)
    const seen: number[] = []
    for (let seg = second.takeNext(); seg !== undefined; seg = second.takeNext()) {
      seen.push(...seg.entries.map((e) => e.value.i as number))
      second.complete(seg.path)
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(readdirSync(d)).toEqual([])
    expect(second.hasPending).toBe(false)
    expect(second.bytes).toBe(0)
  })

  it('seals the active segment when it is the only one to read back', () => {
    const s = new Spool(dir())
    s.append([line(1)])
    const seg = s.takeNext()
    expect(seg?.entries.map((e) => e.raw)).toEqual([line(1)])
    s.append([line(2)])
    expect(s.takeNext()?.path).not.toBe(seg?.path)
  })

  it('skips and counts a torn last line', () => {
    const d = dir()
    const s = new Spool(d)
    s.append([line(1), line(2)])
    s.close()
    const [path] = listSegments(d)
    appendFileSync(path as string, '{"eventId":"e3","i"')
    const seg = new Spool(d).takeNext()
    expect(seg?.entries.map((e) => e.value.i)).toEqual([1, 2])
    expect(seg?.torn).toBe(1)
  })

  it('puts back the undelivered part of a segment first in line', () => {
    const d = dir()
    const s = new Spool(d)
    s.append(lines(0, 4))
    const seg = s.takeNext()
    s.append([line(9)])
    s.putBack(seg?.path as string, [line(2), line(3)])
    expect(readFileSync(seg?.path as string, 'utf8')).toBe(`${line(2)}\n${line(3)}\n`)
    expect(s.lines).toBe(3)
    const again = s.takeNext()
    expect(again?.entries.map((e) => e.value.i)).toEqual([2, 3])
    s.complete(again?.path as string)
    expect(existsSync(again?.path as string)).toBe(false)
    expect(s.takeNext()?.entries.map((e) => e.value.i)).toEqual([9])
  })

  it('drops the oldest segment and says how many lines it held', () => {
    const s = new Spool(dir(), 1)
    s.append(lines(0, 3))
    s.append(lines(3, 5))
    expect(s.dropOldest()).toBe(3)
    expect(s.lines).toBe(2)
    expect(s.takeNext()?.entries.map((e) => e.value.i)).toEqual([3, 4])
  })

  it('hands its sealed segments over to another reader', () => {
    const d = dir()
    const s = new Spool(d)
    s.append(lines(0, 2))
    const paths = s.handOver()
    expect(paths).toEqual(listSegments(d))
    expect(s.hasPending).toBe(false)
  })
})
