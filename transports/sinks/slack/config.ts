/** Settings of a `slack` destination (a Slack incoming webhook). */
import { z } from 'zod'
import { SEVERITIES } from '../../../schema/compiled.js'
import { InvalidDurationError, parseDuration } from '../../../schema/duration.js'
import { httpUrlSetting } from '../http/settings.js'

/** `10m`, `30s`, `1h`, `250ms`, or a number of milliseconds -> milliseconds; `0` (or `'0'`) turns dedupe off. */
export function readWindow(value: string | number): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) throw new InvalidDurationError(String(value))
    return value
  }
  return value.trim() === '0' ? 0 : parseDuration(value)
}

const duration = z
  .union([z.string(), z.number()], { error: 'dedupeWindow must be a duration such as 10m, 30s or 1h (0 turns deduplication off)' })
  .transform((value, ctx) => {
    try {
      return readWindow(value)
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `dedupeWindow: ${(error as Error).message} (0 turns deduplication off)` })
      return z.NEVER
    }
  })

export const slackSettingsSchema = z.object({
  webhookUrl: httpUrlSetting('set webhookUrl to the incoming webhook URL, e.g. webhookUrl: ${SLACK_WEBHOOK_URL}'),
  channel: z.string().min(1).optional(),
  username: z.string().min(1).optional(),
  iconEmoji: z.string().min(1).optional(),
  /** prepended to messages of the severities in `mentionOn`, e.g. `<!channel>`, `<!here>`, `<@U024BE7LH>` */
  mention: z.string().min(1).optional(),
  mentionOn: z.array(z.enum(SEVERITIES, { error: `mentionOn lists severities: ${SEVERITIES.join(', ')}` })).default(['p0']),
  /** the same alert within this window is sent once; in milliseconds after parsing */
  dedupeWindow: duration.default(10 * 60_000),
})

export type SlackSettings = z.infer<typeof slackSettingsSchema>

/**
 * An incoming webhook takes one message per request, in order, and Slack allows about one message
 * per second per webhook: one request at a time. Slack truncates a message past 40,000 characters
 * of text; a line is rendered into a few blocks, so lines up to 1 MB are taken and cut when rendered.
 */
export const SLACK_LIMITS = { maxItems: 1, maxLineBytes: 1024 * 1024, maxInFlight: 1 } as const
