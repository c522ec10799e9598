import { describe, expect, it } from 'vitest'
import type { LogLine } from '../../worker/delivery/types.js'
import { lineContext, lineProperties } from './line-fields.js'

const line: LogLine = {
  level: 'info',
  time: '2025-01-01T00:00:00.000Z',
  eventId: 'e1',
  service: 'api',
  env: 'prod',
  event: 'logo_generated',
  kind: 'analytics',
  msg: 'logo generated',
  pid: 1,
  hostname: 'h',
  requestId: 'r1',
  userId: 'u1',
  style: 'flat',
  count: 3,
}

describe('line fields', () => {
  it('keeps the properties and context, drops the envelope', () => {
    expect(lineProperties(line)).toEqual({ requestId: 'r1', userId: 'u1', style: 'flat', count: 3 })
  })

  it('drops the excluded context fields', () => {
    expect(lineProperties(line, new Set(['requestId', 'userId']))).toEqual({ style: 'flat', count: 3 })
  })

  it('picks the context fields the line carries, in catalog order', () => {
    expect(Object.entries(lineContext(line, ['userId', 'tenant', 'requestId']))).toEqual([
      ['userId', 'u1'],
      ['requestId', 'r1'],
    ])
  })
})
