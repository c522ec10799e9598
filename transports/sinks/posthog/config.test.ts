import { describe, expect, it } from 'vitest'
import { DestinationSettingsError } from '../http/index.js'
import { DEFAULT_POSTHOG_HOST, parsePosthogSettings } from './config.js'

describe('parsePosthogSettings', () => {
  it('fills the defaults', () => {
    expect(parsePosthogSettings('ph', { apiKey: 'phc_1' })).toEqual({
      apiKey: 'phc_1',
      host: DEFAULT_POSTHOG_HOST,
      identify: [],
      alias: [],
      captureMode: 'v0',
      maxItems: 1000,
      timeoutMs: 10_000,
    })
  })

  it('takes one alias rule or a list', () => {
    const one = parsePosthogSettings('ph', { apiKey: 'k', alias: { event: 'user_signed_up', from: 'anonymousId' } })
    expect(one.alias).toEqual([{ event: 'user_signed_up', from: 'anonymousId' }])
    const many = parsePosthogSettings('ph', { apiKey: 'k', alias: [{ event: 'a_b', from: 'x' }, { event: 'c', from: 'y' }] })
    expect(many.alias).toHaveLength(2)
  })

  it('lists each bad setting and what to write', () => {
    let caught: unknown
    try {
      parsePosthogSettings('product', { apiKey: '', host: 'eu.posthog.com', identify: ['UserSignedUp'] })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(DestinationSettingsError)
    const error = caught as DestinationSettingsError
    expect(error.issues.map((i) => i.path)).toEqual(['apiKey', 'host', 'identify.0'])
    expect(error.message).toContain('POSTHOG_API_KEY')
    expect(error.message).toContain('destinations.product')
  })
})
