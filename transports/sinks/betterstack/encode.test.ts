import { describe, expect, it } from 'vitest'
import type { LogLine } from '../../worker/delivery/types.js'
import { createBetterstackEncoder } from './encode.js'

const line = (level: LogLine['level']): LogLine => ({
  level,
  time: '2025-03-04T05:06:07.890Z',
  eventId: '0b6f3a52-8a55-4f5e-9a3a-2f0f7d1c1e11',
  event: 'db_error',
  msg: 'query failed',
  requestId: 'r-1',
})

describe('betterstack encode', () => {
  it('keeps the line and adds dt = time', () => {
    const record = createBetterstackEncoder('trace')(line('info'))
    expect(JSON.parse(record ?? 'null')).toEqual({ ...line('info'), dt: '2025-03-04T05:06:07.890Z' })
  })

  it('splices dt into the raw text, keeping its fields and their order as written', () => {
    const raw = '{"level":"info","time":"2025-03-04T05:06:07.890Z","eventId":"e","msg":"m","extra":{"a":[1]}}'
    expect(createBetterstackEncoder('trace')(line('info'), raw)).toBe(`${raw.slice(0, -1)},"dt":"2025-03-04T05:06:07.890Z"}`)
  })

  it('drops lines below the level and keeps the level itself', () => {
    const encode = createBetterstackEncoder('warn')
    expect(encode(line('info'))).toBeNull()
    expect(encode(line('debug'))).toBeNull()
    expect(JSON.parse(encode(line('warn')) ?? 'null').level).toBe('warn')
    expect(JSON.parse(encode(line('fatal')) ?? 'null').level).toBe('fatal')
  })
})
