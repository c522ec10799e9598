import { describe, expect, it } from 'vitest'
import { HandOff, linesOf } from './hand-off.js'

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
const text = (blocks: Buffer[]): string[] => blocks.map((b) => b.toString('utf8'))

describe('HandOff', () => {
  it('hands the lines of one turn over as one block of bytes, in order', async () => {
    const blocks: Buffer[] = []
    const handOff = new HandOff((block) => blocks.push(Buffer.from(block)))
    for (let i = 0; i < 5; i++) handOff.add(`{"i":${i},"m":"café"}\n`)
    expect(blocks).toEqual([])
    expect(handOff.waiting).toBe(5 * Buffer.byteLength('{"i":0,"m":"café"}\n'))
    await turn()
    expect(text(blocks)).toEqual([[0, 1, 2, 3, 4].map((i) => `{"i":${i},"m":"café"}\n`).join('')])
    expect(linesOf(blocks[0] as Buffer)).toHaveLength(5)
  })

  it('hands a block over at once when 64 KiB wait, and the rest at the end of the turn', async () => {
    const blocks: Buffer[] = []
    const handOff = new HandOff((block) => blocks.push(block))
    const line = `${'x'.repeat(1023)}\n`
    for (let i = 0; i < 70; i++) handOff.add(line)
    expect(blocks.map((b) => b.length)).toEqual([64 * 1024])
    await turn()
    expect(blocks.map((b) => b.length)).toEqual([64 * 1024, 6 * 1024])
  })

  it('moves to a new slab without losing or reordering a byte, and hands a line larger than a slab over alone', async () => {
    const blocks: Buffer[] = []
    const handOff = new HandOff((block) => blocks.push(block))
    const lines = Array.from({ length: 3000 }, (_, i) => `${JSON.stringify({ i, pad: 'é'.repeat(i % 500) })}\n`)
    const huge = `${JSON.stringify({ big: 'y'.repeat(400_000) })}\n`
    for (const line of lines.slice(0, 1500)) handOff.add(line)
    handOff.add(huge)
    for (const line of lines.slice(1500)) handOff.add(line)
    await turn()
    expect(Buffer.concat(blocks).toString('utf8')).toBe([...lines.slice(0, 1500), huge, ...lines.slice(1500)].join(''))
    expect(blocks.some((b) => b.length === Buffer.byteLength(huge))).toBe(true)
  })

  it('gives back what waits as lines when the thread is gone, and then has nothing to hand over', async () => {
    const blocks: Buffer[] = []
    const handOff = new HandOff((block) => blocks.push(block))
    handOff.add('a\n')
    handOff.add('b\n')
    expect(handOff.take()).toEqual(['a\n', 'b\n'])
    await turn()
    expect(blocks).toEqual([])
    expect(handOff.waiting).toBe(0)
  })
})
