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
    expect(createBetterstackEncoder('trace')(line('info'))).toEqual({ ...line('info'), dt: '2025-03-04T05:06:07.890Z' })
  })

  it('drops lines below the level and keeps the level itself', () => {
    const encode = createBetterstackEncoder('warn')
    expect(encode(line('info'))).toBeNull()
    expect(encode(line('debug'))).toBeNull()
    expect(encode(line('warn'))?.level).toBe('warn')
    expect(encode(line('fatal'))?.level).toBe('fatal')
  })
})
