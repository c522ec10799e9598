import { describe, expect, it } from 'vitest'
import { lineInput } from './line-input.js'

const collect = (every = 1000) => {
  const lines: string[] = []
  let pauses = 0
  let closed = 0
  const input = lineInput({
    accept: (line) => void lines.push(line),
    pause: () => {
      pauses++
      return new Promise((resolve) => setImmediate(resolve))
    },
    every,
    close: async () => void closed++,
  })
  const ended = new Promise<void>((resolve) => input.on('close', () => resolve()))
  return { input, lines, ended, pauses: () => pauses, closed: () => closed }
}

describe('lineInput', () => {
  it('cuts pieces that end mid-line into whole lines, without newlines or carriage returns', async () => {
    const c = collect()
    c.input.write('{"a":1}\n{"b"')
    c.input.write(':2}\r\n{"c":3}\n\n{"d"')
    c.input.end(':4}')
    await c.ended
    expect(c.lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}', '', '{"d":4}'])
    expect(c.closed()).toBe(1)
  })

  it('decodes bytes that split a character', async () => {
    const c = collect()
    const bytes = Buffer.from('{"m":"café ✓"}\n')
    c.input.write(bytes.subarray(0, 10))
    c.input.write(bytes.subarray(10))
    c.input.end()
    await c.ended
    expect(c.lines).toEqual(['{"m":"café ✓"}'])
  })

  it('waits on pause every `every` lines and keeps the order across the waits', async () => {
    const c = collect(3)
    const text = Array.from({ length: 10 }, (_, i) => `${i}\n`).join('')
    c.input.write(text)
    c.input.end('10\n')
    await c.ended
    expect(c.lines).toEqual(Array.from({ length: 11 }, (_, i) => String(i)))
    expect(c.pauses()).toBe(3)
  })

  it('closes once when destroyed, and reports an error accept throws', async () => {
    const lines: string[] = []
    let closed = 0
    const input = lineInput({
      accept: (line) => {
        if (line === 'bad') throw new Error('refused')
        lines.push(line)
      },
      pause: async () => undefined,
      every: 100,
      close: async () => void closed++,
    })
    const failed = new Promise<Error>((resolve) => input.on('error', resolve))
    const closedEvent = new Promise((resolve) => input.on('close', resolve))
    input.write('ok\nbad\n')
    expect((await failed).message).toBe('refused')
    await closedEvent
    expect(lines).toEqual(['ok'])
    expect(closed).toBe(1)
  })
})

describe('lineInput with a copy', () => {
  it('copies every line but the private ones, in order, in stretches, before a private line is accepted', async () => {
    const events: string[] = []
    const copies: string[] = []
    const input = lineInput({
      accept: (line) => void events.push(`accept ${line}`),
      copy: (text) => {
        copies.push(text)
        events.push(`copy ${JSON.stringify(text)}`)
      },
      private: (line) => line.startsWith('#'),
      pause: () => new Promise((resolve) => setImmediate(resolve)),
      every: 2,
      close: async () => undefined,
    })
    const closed = new Promise((resolve) => input.on('close', resolve))
    input.write('a\nb\nc\n#flush\nd\ne')
    input.end('\nf')
    await closed
    expect(copies.join('')).toBe('a\nb\nc\nd\ne\nf\n')
    // the copy of c is out before the private line is accepted
    expect(events.indexOf('accept #flush')).toBeGreaterThan(events.findIndex((e) => e.startsWith('copy') && e.includes('c')))
    expect(events.filter((e) => e.startsWith('accept')).map((e) => e.slice(7))).toEqual(['a', 'b', 'c', '#flush', 'd', 'e', 'f'])
  })
})
