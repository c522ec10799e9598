/** Settings of a `slack` destination (a Slack incoming webhook). */
import { z } from 'zod'
import { SEVERITIES } from '../../schema/compiled.js'
import { httpUrlSetting } from '../http/settings.js'

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/** `10m`, `30s`, `1h`, `250ms`, or a number of milliseconds -> milliseconds; undefined when unreadable. */
export function parseDuration(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/.exec(value)
  if (!match) return undefined
  return Math.round(Number(match[1]) * (UNIT_MS[match[2]!] ?? 0))
}

const duration = z
  .union([z.string(), z.number()], { error: 'dedupeWindow must be a duration such as 10m, 30s or 1h (0 turns deduplication off)' })
  .transform((value, ctx) => {
    const ms = parseDuration(value)
    if (ms === undefined) {
      ctx.addIssue({ code: 'custom', message: `dedupeWindow "${value}" is not a duration; write e.g. 10m, 30s, 1h or 0` })
      return z.NEVER
    }
    return ms
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

/** An incoming webhook takes one message per request. */
export const SLACK_LIMITS = { maxItems: 1 } as const
