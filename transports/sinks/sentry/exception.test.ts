import { describe, expect, it } from 'vitest'
import { errorExtras, exceptionValues, parseFrames } from './exception.js'

function thrower(): Error {
  return new TypeError('bad input')
}

describe('exceptionValues', () => {
  it('rebuilds type, value and frames from a serialized error', () => {
    const err = thrower()
    const [value] = exceptionValues({ type: 'TypeError', message: err.message, stack: err.stack })
    expect(value).toMatchObject({ type: 'TypeError', value: 'bad input', mechanism: { type: 'linecast', handled: true } })
    const frames = value?.stacktrace?.frames ?? []
    expect(frames.length).toBeGreaterThan(1)
    // Sentry order: the throwing frame last
    expect(frames.at(-1)).toMatchObject({ function: 'thrower', filename: expect.stringContaining('exception.test.ts') as unknown, in_app: true })
  })

  it('lists a cause chain innermost first, linked by ids', () => {
    const values = exceptionValues({
      type: 'Error',
      message: 'upload failed',
      stack: 'Error: upload failed\n    at upload (/app/src/upload.js:10:5)',
      cause: { type: 'SystemError', message: 'connect ETIMEDOUT', code: 'ETIMEDOUT' },
    })
    expect(values.map((v) => [v.type, v.value])).toEqual([
      ['SystemError', 'connect ETIMEDOUT'],
      ['Error', 'upload failed'],
    ])
    expect(values[0]?.mechanism).toMatchObject({ exception_id: 1, parent_id: 0, source: 'cause' })
    expect(values[1]?.stacktrace?.frames).toEqual([expect.objectContaining({ function: 'upload', filename: '/app/src/upload.js', lineno: 10, colno: 5 })])
  })

  it('falls back to Error and the code when type or message is missing', () => {
    expect(exceptionValues({ code: 'E_LIMIT' })).toEqual([{ type: 'Error', value: 'E_LIMIT', mechanism: { type: 'linecast', handled: true } }])
  })

  it('stops at a cyclic cause', () => {
    const err: Record<string, unknown> = { type: 'Error', message: 'a' }
    err.cause = err
    expect(exceptionValues(err)).toHaveLength(1)
  })

  it('parses no frames from an empty stack', () => {
    expect(parseFrames(undefined)).toEqual([])
  })

  it('keeps the serializer extras but not what the exception already says', () => {
    expect(errorExtras({ type: 'E', message: 'm', stack: 's', code: 'E1', status: 503 })).toEqual({ code: 'E1', status: 503 })
  })
})
