/** Settings of a `betterstack` destination (Better Stack Logs, HTTP ingestion). */
import { z } from 'zod'
import { LEVELS } from '../../../schema/compiled.js'
import { httpUrlSetting } from '../http/settings.js'

export const betterstackSettingsSchema = z.object({
  token: z
    .string({ error: 'set token to the source token (Better Stack: Sources -> your source -> Data ingestion)' })
    .min(1, 'token is empty; set it to the source token, e.g. token: ${BETTERSTACK_TOKEN}'),
  url: httpUrlSetting(
    "set url to the source's ingesting host with its scheme, e.g. https://s1234.eu-nbg-2.betterstackdata.com",
  ),
  level: z.enum(LEVELS, { error: `level must be one of ${LEVELS.join(', ')}` }).default('trace'),
  gzip: z.boolean({ error: 'gzip must be true or false' }).default(true),
})

export type BetterstackSettings = z.infer<typeof betterstackSettingsSchema>

const MIB = 1024 * 1024

/**
 * Better Stack takes up to 10 MiB of compressed data per request and 10 MiB (uncompressed) per record
 * (docs: Logs > HTTP API > Request limits). Batches are cut by bytes: items are measured uncompressed,
 * which keeps every request under the compressed limit. In flight: measured with bench/sinks.ts
 * (4 requests beat 1 and 2, 8 adds nothing).
 */
export const BETTERSTACK_LIMITS = {
  maxItems: 10_000,
  maxBytes: 10 * MIB - 16 * 1024,
  maxLineBytes: 10 * MIB - 16 * 1024,
  maxInFlight: 4,
} as const
