import { describe, expect, it } from 'vitest'
import { parseSettings } from '../http/settings.js'
import { mixpanelRequest, mixpanelSettingsSchema } from './config.js'

const parse = (settings: unknown) => parseSettings(mixpanelSettingsSchema, settings, 'product', 'mixpanel')
const basic = (header: string) => Buffer.from(header.replace(/^Basic /, ''), 'base64').toString()

describe('mixpanel settings', () => {
  it('authenticates a service account with project_id and strict=1 on the default URL', () => {
    const settings = parse({ serviceAccountUser: 'sa.user', serviceAccountSecret: 's3cret', projectId: 12345 })
    const { url, authorization } = mixpanelRequest(settings)
    expect(url).toBe('https://api.mixpanel.com/import?strict=1&project_id=12345')
    expect(basic(authorization)).toBe('sa.user:s3cret')
  })

  it('authenticates with the project token as username and no project_id', () => {
    const { url, authorization } = mixpanelRequest(parse({ token: 'tok', url: 'https://api-eu.mixpanel.com/import' }))
    expect(url).toBe('https://api-eu.mixpanel.com/import?strict=1')
    expect(basic(authorization)).toBe('tok:')
  })

  it('asks for credentials when none is given', () => {
    expect(() => parse({})).toThrow(/set either serviceAccountUser \+ serviceAccountSecret \+ projectId \(recommended\) or token/)
  })

  it('names the missing half of a service account', () => {
    expect(() => parse({ serviceAccountUser: 'u' })).toThrow(/serviceAccountSecret: serviceAccountSecret is required[\s\S]*projectId: projectId is required/)
  })
})
