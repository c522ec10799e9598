import { describe, expect, it } from 'vitest'
import { LineSplitter, type LineCut } from './split.js'

function split(chunks: (string | Buffer)[], max?: number): [string, LineCut | undefined][] {
  const lines: [string, LineCut | undefined][] = []
  const splitter = new LineSplitter((text, cut) => lines.push([text, cut]), max)
  for (const chunk of chunks) splitter.push(chunk)
  splitter.flush()
  return lines
}

describe('LineSplitter', () => {
  it('joins lines split across chunks, drops the \\r of \\r\\n and keeps a last line without newline', () => {
    expect(split(['a', 'b\r\nc', '\n\nd'])).toEqual([
      ['ab', undefined],
      ['c', undefined],
      ['', undefined],
      ['d', undefined],
    ])
  })

  it('joins a character whose bytes arrive in two chunks', () => {
    const euro = Buffer.from('€\n')
    expect(split([euro.subarray(0, 1), euro.subarray(1)])).toEqual([['€', undefined]])
  })

  it('keeps the head of a line past the cap, skips the rest and reports its length', () => {
    const chunks = Array.from({ length: 10 }, () => 'x'.repeat(1000))
    expect(split([...chunks, '\nnext\n'], 2500)).toEqual([
      ['x'.repeat(2500), { bytes: 10_000 }],
      ['next', undefined],
    ])
  })

  it('cuts a line past the cap in one chunk the same way', () => {
    expect(split([`${'y'.repeat(50)}\nshort\n`], 10)).toEqual([
      ['y'.repeat(10), { bytes: 50 }],
      ['short', undefined],
    ])
  })

  it('never splits a character at the cap', () => {
    expect(split(['ééé\n'], 5)).toEqual([['éé', { bytes: 6 }]])
  })

  it('copies what it keeps: a reused read buffer does not change a pending line', () => {
    const buffer = Buffer.from('abc')
    const lines: string[] = []
    const splitter = new LineSplitter((text) => lines.push(text))
    splitter.push(buffer)
    buffer.write('zzz')
    splitter.push('\n')
    expect(lines).toEqual(['abc'])
  })
})
