/**
 * Reading a destination's settings with a zod schema, turning zod issues into
 * one error that names the destination, each offending setting and what to write.
 */
import { z, type ZodType } from 'zod'
import { DestinationSettingsError } from './errors.js'

export function parseSettings<T>(schema: ZodType<T>, settings: unknown, destination: string, kind: string): T {
  const result = schema.safeParse(settings ?? {})
  if (result.success) return result.data
  const issues = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }))
  throw new DestinationSettingsError(destination, kind, issues)
}

/** An http(s) URL setting; unlike `z.httpUrl` it accepts IP addresses and localhost (proxies, local receivers). */
export function httpUrlSetting(error: string): z.ZodURL {
  return z.url({ protocol: /^https?$/, error })
}
