/** Settings of a `mixpanel` destination (Mixpanel `/import` API). */
import { z } from 'zod'
import { httpUrlSetting } from '../http/settings.js'

const secret = (name: string) => z.string({ error: `${name} must be a string` }).min(1, `${name} is empty`)

export const mixpanelSettingsSchema = z
  .object({
    url: httpUrlSetting('set url to the /import endpoint, e.g. https://api-eu.mixpanel.com/import').default(
      'https://api.mixpanel.com/import',
    ),
    projectId: z
      .union([z.string().min(1), z.number().int().positive()], { error: 'projectId must be the numeric project id' })
      .transform(String)
      .optional(),
    serviceAccountUser: secret('serviceAccountUser').optional(),
    serviceAccountSecret: secret('serviceAccountSecret').optional(),
    token: secret('token').optional(),
    gzip: z.boolean({ error: 'gzip must be true or false' }).default(true),
  })
  .superRefine((s, ctx) => {
    const account = s.serviceAccountUser !== undefined || s.serviceAccountSecret !== undefined
    if (account) {
      for (const key of ['serviceAccountUser', 'serviceAccountSecret', 'projectId'] as const) {
        if (s[key] === undefined) {
          ctx.addIssue({ code: 'custom', path: [key], message: `${key} is required with a service account (serviceAccountUser, serviceAccountSecret, projectId)` })
        }
      }
    } else if (s.token === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'set either serviceAccountUser + serviceAccountSecret + projectId (recommended) or token (the project token)',
      })
    }
  })

export type MixpanelSettings = z.infer<typeof mixpanelSettingsSchema>

/**
 * /import takes up to 2000 events and 10 MB uncompressed per request, and each event must be
 * smaller than 1 MB of uncompressed JSON (Mixpanel docs: 413 Payload Too Large, Import Events).
 * Items are measured one by one, so keep headroom for the array's brackets and commas; a line
 * keeps headroom for the fields the encoder adds (time, distinct_id, $insert_id).
 * In flight: measured with bench/sinks.ts (4 beat 1 and 2; 8 adds nothing).
 */
export const MIXPANEL_LIMITS = { maxItems: 2000, maxBytes: 10_000_000 - 16_384, maxLineBytes: 1_000_000 - 1024, maxInFlight: 4 } as const

/** The request URL (strict validation on; project_id with a service account) and its Authorization header. */
export function mixpanelRequest(settings: MixpanelSettings): { url: string; authorization: string } {
  const url = new URL(settings.url)
  url.searchParams.set('strict', '1')
  let credentials: string
  if (settings.serviceAccountUser !== undefined && settings.serviceAccountSecret !== undefined) {
    url.searchParams.set('project_id', settings.projectId ?? '')
    credentials = `${settings.serviceAccountUser}:${settings.serviceAccountSecret}`
  } else {
    // project token as the username, empty password; Mixpanel then needs no project_id
    credentials = `${settings.token ?? ''}:`
  }
  return { url: url.toString(), authorization: `Basic ${Buffer.from(credentials).toString('base64')}` }
}
