import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DeadLetter } from './dead-letter.js'

describe('DeadLetter', () => {
  it('appends the line, the reason and the time per destination', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'linecast-dl-')), 'dead')
    const dl = new DeadLetter(dir, () => new Date('2024-05-01T00:00:00.000Z'))
    dl.write('posthog', [{ raw: '{"eventId":"a"}' }, { raw: 'not json' }], '400 invalid')
    dl.write('my/dest', [{ raw: '{}', line: { eventId: 'b' } }], 'x')
    const records = readFileSync(join(dir, 'posthog.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l))
    expect(records).toEqual([
      { time: '2024-05-01T00:00:00.000Z', destination: 'posthog', reason: '400 invalid', line: { eventId: 'a' } },
      { time: '2024-05-01T00:00:00.000Z', destination: 'posthog', reason: '400 invalid', line: 'not json' },
    ])
    expect(JSON.parse(readFileSync(join(dir, 'my_dest.ndjson'), 'utf8')).line).toEqual({ eventId: 'b' })
  })

  it('throws LINECAST_DEAD_LETTER_WRITE when the directory cannot be written', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'linecast-dl-')), 'a-file')
    writeFileSync(file, 'x')
    const dl = new DeadLetter(join(file, 'below-a-file'))
    expect(() => dl.write('d', [{ raw: '{}' }], 'r')).toThrow(expect.objectContaining({ code: 'LINECAST_DEAD_LETTER_WRITE' }))
  })
})
