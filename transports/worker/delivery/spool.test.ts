import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { listSegments, Spool } from './spool.js'

const dir = (): string => join(mkdtempSync(join(tmpdir(), 'linecast-spool-')), 'dest')
const line = (i: number): string => JSON.stringify({ eventId: `e${i}`, i })

describe('Spool', () => {
  it('writes NDJSON segments and replays them in order across instances', () => {
    const d = dir()
    const first = new Spool(d, 3)
    for (let i = 0; i < 7; i++) first.append(line(i))
    first.close()
    expect(listSegments(d)).toHaveLength(3)

    const second = new Spool(d, 3)
    expect(second.hasPending).toBe(true)
    const seen: number[] = []
    for (let seg = second.takeNext(); seg !== undefined; seg = second.takeNext()) {
      seen.push(...seg.entries.map((e) => e.value.i as number))
      second.complete(seg.path)
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(readdirSync(d)).toEqual([])
    expect(second.hasPending).toBe(false)
  })

  it('seals the active segment when it is the only one to replay', () => {
    const s = new Spool(dir())
    s.append(line(1))
    s.sync()
    const seg = s.takeNext()
    expect(seg?.entries.map((e) => e.raw)).toEqual([line(1)])
    s.append(line(2))
    expect(s.pendingSegments).toHaveLength(1)
    expect(s.pendingSegments[0]).not.toBe(seg?.path)
  })

  it('skips and counts a torn last line', () => {
    const d = dir()
    const s = new Spool(d)
    s.append(line(1))
    s.append(line(2))
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
    for (let i = 0; i < 4; i++) s.append(line(i))
    const seg = s.takeNext()
    s.append(line(9))
    s.putBack(seg?.path as string, [line(2), line(3)])
    expect(readFileSync(seg?.path as string, 'utf8')).toBe(`${line(2)}\n${line(3)}\n`)
    const again = s.takeNext()
    expect(again?.entries.map((e) => e.value.i)).toEqual([2, 3])
    s.complete(again?.path as string)
    expect(existsSync(again?.path as string)).toBe(false)
    expect(s.takeNext()?.entries.map((e) => e.value.i)).toEqual([9])
  })
})
