import { describe, expect, it } from 'vitest'
import { createTally } from './tally.js'

describe('demo line tally', () => {
  it('counts events, request statuses and AI cost from JSON lines, and plain logs as `log`', () => {
    const tally = createTally()
    tally.observe('{"event":"http_request","statusCode":201}\n')
    tally.observe('{"event":"http_request","statusCode":500}\n{"event":"ai_api_call","eventId":"a","cost":0.1}\n')
    tally.observe('{"event":"ai_api_call","eventId":"b","cost":0.2}\n{"msg":"listening"}\n')
    tally.observe('not json\n')
    expect(tally.snapshot()).toEqual({
      events: { http_request: 2, ai_api_call: 2, log: 1 },
      statuses: { '201': 1, '500': 1 },
      aiCallIds: ['a', 'b'],
      aiCost: 0.3,
      unparsed: 1,
    })
  })

  it('gives a copy: later lines do not change an earlier snapshot', () => {
    const tally = createTally()
    tally.observe('{"event":"x"}\n')
    const before = tally.snapshot()
    tally.observe('{"event":"x"}\n')
    expect(before.events.x).toBe(1)
    expect(tally.snapshot().events.x).toBe(2)
  })
})
