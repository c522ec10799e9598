import { describe, expect, it } from 'vitest'
import { DestinationSettingsError } from '../http/errors.js'
import { parseSettings } from '../http/settings.js'
import { betterstackSettingsSchema } from './config.js'

const parse = (settings: unknown) => parseSettings(betterstackSettingsSchema, settings, 'logs', 'betterstack')

describe('betterstack settings', () => {
  it('defaults level to trace and gzip on', () => {
    expect(parse({ token: 't', url: 'https://in.example.com' })).toEqual({
      token: 't',
      url: 'https://in.example.com',
      level: 'trace',
      gzip: true,
    })
  })

  it('names every bad setting and what to write', () => {
    let error: unknown
    try {
      parse({ token: '', url: 'in.example.com', level: 'loud' })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(DestinationSettingsError)
    const err = error as DestinationSettingsError
    expect(err.code).toBe('DESTINATION_SETTINGS_INVALID')
    expect(err.issues.map((i) => i.path)).toEqual(['token', 'url', 'level'])
    expect(err.message).toContain('destinations.logs')
    expect(err.message).toMatch(/url: .*ingesting host/)
    expect(err.message).toMatch(/level must be one of trace, debug/)
  })

  it('asks for the token when it is missing', () => {
    expect(() => parse({ url: 'https://in.example.com' })).toThrow(/token: set token to the source token/)
  })
})
