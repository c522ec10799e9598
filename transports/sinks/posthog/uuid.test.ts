import { describe, expect, it } from 'vitest'
import { derivedUuid, isUuid, lineUuid } from './uuid.js'

describe('uuids', () => {
  it('keeps a UUID eventId for the capture', () => {
    expect(lineUuid('7D444840-9DC0-11D1-B245-5FFDCE74FAD2')).toBe('7d444840-9dc0-11d1-b245-5ffdce74fad2')
  })

  it('derives stable, distinct, valid UUIDs for the extra messages', () => {
    const id = '7d444840-9dc0-11d1-b245-5ffdce74fad2'
    const identify = lineUuid(id, 'identify')
    expect(identify).toBe(lineUuid(id, 'identify'))
    expect(identify).not.toBe(lineUuid(id, 'alias:anon'))
    expect(isUuid(identify)).toBe(true)
    expect(identify[14]).toBe('8')
  })

  it('turns a non-UUID eventId into a UUID', () => {
    expect(isUuid(lineUuid('line-1'))).toBe(true)
    expect(lineUuid('line-1')).toBe(derivedUuid('line-1'))
  })
})
