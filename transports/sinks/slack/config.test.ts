import { describe, expect, it } from 'vitest'
import { parseSettings } from '../http/settings.js'
import { readWindow, slackSettingsSchema } from './config.js'

const parse = (settings: unknown) => parseSettings(slackSettingsSchema, settings, 'oncall', 'slack')

describe('slack settings', () => {
  it('defaults to a 10 minute dedupe window and mentions on p0', () => {
    expect(parse({ webhookUrl: 'https://hooks.slack.com/services/T/B/x' })).toEqual({
      webhookUrl: 'https://hooks.slack.com/services/T/B/x',
      mentionOn: ['p0'],
      dedupeWindow: 600_000,
    })
  })

  it('reads the window as a duration', () => {
    expect(parse({ webhookUrl: 'https://h.example', dedupeWindow: '30s' }).dedupeWindow).toBe(30_000)
    expect(parse({ webhookUrl: 'https://h.example', dedupeWindow: 0 }).dedupeWindow).toBe(0)
  })

  it('explains a bad window, webhook or severity', () => {
    expect(() => parse({ webhookUrl: 'https://h.example', dedupeWindow: 'ten minutes' })).toThrow(/dedupeWindow: dedupeWindow: invalid duration "ten minutes"/)
    expect(() => parse({})).toThrow(/webhookUrl: set webhookUrl to the incoming webhook URL/)
    expect(() => parse({ webhookUrl: 'https://h.example', mentionOn: ['sev1'] })).toThrow(/mentionOn lists severities: p0, p1, p2, p3/)
  })
})

describe('readWindow', () => {
  it('reads durations, plain milliseconds and 0', () => {
    expect(readWindow('250ms')).toBe(250)
    expect(readWindow('10m')).toBe(600_000)
    expect(readWindow('0')).toBe(0)
    expect(readWindow(42)).toBe(42)
    expect(() => readWindow(-1)).toThrow(expect.objectContaining({ code: 'LINECAST_INVALID_DURATION' }))
    expect(() => readWindow('10')).toThrow(/invalid duration "10"/)
  })
})
