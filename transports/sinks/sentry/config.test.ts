import { describe, expect, it } from 'vitest'
import { DestinationSettingsError } from '../http/index.js'
import { DEFAULT_IGNORE_ERRORS, parseSentrySettings } from './config.js'

const dsn = 'https://abc123@o1.ingest.sentry.io/4505'

describe('parseSentrySettings', () => {
  it('fills the defaults', () => {
    const config = parseSentrySettings('sentry', { dsn })
    expect(config).toMatchObject({ dsn, maxBreadcrumbs: 50, ignoreErrors: [...DEFAULT_IGNORE_ERRORS], timeoutMs: 10_000 })
    expect(config.resolvedRelease).toBeUndefined()
  })

  it('prefers the settings release over SENTRY_RELEASE', () => {
    expect(parseSentrySettings('s', { dsn, release: 'v2' }, { release: 'v1' }).resolvedRelease).toBe('v2')
    expect(parseSentrySettings('s', { dsn }, { release: 'v1' }).resolvedRelease).toBe('v1')
  })

  it('accepts a DSN with a path prefix and a port', () => {
    expect(() => parseSentrySettings('s', { dsn: 'http://k@127.0.0.1:9000/sentry/42' })).not.toThrow()
  })

  it('names the destination and says what to write for a bad DSN', () => {
    let caught: unknown
    try {
      parseSentrySettings('errors', { dsn: 'not a dsn', maxBreadcrumbs: 500 })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(DestinationSettingsError)
    const error = caught as DestinationSettingsError
    expect(error.code).toBe('DESTINATION_SETTINGS_INVALID')
    expect(error.message).toContain('destinations.errors')
    expect(error.issues.map((i) => i.path)).toEqual(['dsn', 'maxBreadcrumbs'])
    expect(error.message).toMatch(/https:\/\/<public key>@<host>\/<project id>/)
  })

  it('tells to set SENTRY_DSN when the DSN expanded to nothing', () => {
    expect(() => parseSentrySettings('s', { dsn: '' })).toThrow(/SENTRY_DSN/)
    expect(() => parseSentrySettings('s', {})).toThrow(/dsn/)
  })
})
