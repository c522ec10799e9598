import { describe, expect, it } from 'vitest'
import { HandOff } from './hand-off.js'

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

describe('HandOff', () => {
  it('hands the lines of one turn over as one block, in order, with its lines', async () => {
    const got: { block: string; lines: readonly string[] }[] = []
    const handOff = new HandOff((block, lines) => got.push({ block, lines }))
    for (let i = 0; i < 5; i++) handOff.add(`{"i":${i}}\n`)
    expect(got).toEqual([])
    await turn()
    expect(got).toHaveLength(1)
    expect(got[0]?.block).toBe([0, 1, 2, 3, 4].map((i) => `{"i":${i}}\n`).join(''))
    expect(got[0]?.lines).toHaveLength(5)
  })

  it('hands a block over at once when 64 KiB wait, and the rest at the end of the turn', async () => {
    const blocks: string[] = []
    const handOff = new HandOff((block) => blocks.push(block))
    const line = `${'x'.repeat(1023)}\n`
    for (let i = 0; i < 70; i++) handOff.add(line)
    expect(blocks).toHaveLength(1)
    expect(blocks[0]?.length).toBe(64 * 1024)
    await turn()
    expect(blocks.map((b) => b.length)).toEqual([64 * 1024, 6 * 1024])
  })

  it('gives back what waits when the thread is gone, and then has nothing to hand over', async () => {
    const blocks: string[] = []
    const handOff = new HandOff((block) => blocks.push(block))
    handOff.add('a\n')
    handOff.add('b\n')
    expect(handOff.take()).toEqual(['a\n', 'b\n'])
    await turn()
    expect(blocks).toEqual([])
    expect(handOff.waiting).toBe(0)
  })
})
