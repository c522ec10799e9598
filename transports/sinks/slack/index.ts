/** The `slack` sink: alert and critical lines -> Slack messages through an incoming webhook. */
import type { Sink, SinkContext } from '../../worker/delivery/types.js'
import { createHttpTarget } from '../http/client.js'
import { parseSettings } from '../http/settings.js'
import { SLACK_LIMITS, slackSettingsSchema } from './config.js'
import { createSlackEncoder } from './encode.js'
import { sendSlackBatch, type SlackPoster } from './send.js'
import type { SlackMessage } from './template.js'

export { readWindow, SLACK_LIMITS, slackSettingsSchema, type SlackSettings } from './config.js'
export { AlertDeduper, dedupeKey, type Admitted } from './dedupe.js'
export { severityOf, SEVERITY_STYLES } from './severity.js'
export type { SlackBlock, SlackMessage } from './template.js'

export interface SlackDeps {
  /** clock of the dedupe window and of Retry-After waits (ms since epoch) */
  now?: () => number
}

export function createSink(name: string, ctx: SinkContext, deps: SlackDeps = {}): Sink<SlackMessage | null> {
  const settings = parseSettings(slackSettingsSchema, ctx.settings, name, 'slack')
  const now = deps.now ?? Date.now
  const poster: SlackPoster = { target: createHttpTarget(settings.webhookUrl, { maxSockets: 1 }), posted: new WeakSet(), now, waitUntil: 0 }
  return {
    name,
    limits: SLACK_LIMITS,
    encode: createSlackEncoder(settings, ctx.catalog, now),
    send: (batch, signal) => sendSlackBatch(poster, batch, signal),
    close: async () => poster.target.close(),
  }
}
