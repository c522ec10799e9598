import { describe, expect, it } from 'vitest'
import { parseSettings } from '../http/settings.js'
import { emailSettingsSchema } from './config.js'

const parse = (settings: unknown) => parseSettings(emailSettingsSchema, settings, 'reports', 'email')

describe('email settings', () => {
  it('defaults port 587, STARTTLS, a prefix, and takes a single recipient as a list', () => {
    expect(parse({ host: 'smtp.example.com', from: 'a@example.com', to: 'ops@example.com' })).toEqual({
      host: 'smtp.example.com',
      port: 587,
      secure: false,
      from: 'a@example.com',
      to: ['ops@example.com'],
      subjectPrefix: '[linecast]',
      timeoutMs: 30_000,
    })
  })

  it('turns TLS on for port 465 unless told otherwise, and reads a port given as text', () => {
    expect(parse({ host: 'h', port: 465, from: 'a@b.c', to: ['x@y.z'] }).secure).toBe(true)
    expect(parse({ host: 'h', port: '465', secure: false, from: 'a@b.c', to: ['x@y.z'] })).toMatchObject({ port: 465, secure: false })
  })

  it('explains what is missing', () => {
    expect(() => parse({ from: 'a@b.c', to: [] })).toThrow(/host: set host to the SMTP server[\s\S]*to: to lists no recipient/)
    expect(() => parse({ host: 'h', from: 'a@b.c', to: ['x@y.z'], user: 'u' })).toThrow(/pass: set both user and pass, or neither/)
  })
})
