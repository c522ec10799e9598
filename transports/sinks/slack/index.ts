/** The `slack` sink: alert and critical lines -> Slack messages through an incoming webhook. */
import type { Sink, SinkContext } from '../../worker/delivery/types.js'
import type { Fetch } from '../http/post.js'
import { parseSettings } from '../http/settings.js'
import { SLACK_LIMITS, slackSettingsSchema } from './config.js'
import { createSlackEncoder } from './encode.js'
import { sendSlackBatch } from './send.js'
import type { SlackMessage } from './template.js'

export { readWindow, slackSettingsSchema, type SlackSettings } from './config.js'
export { AlertDeduper, dedupeKey, type Admitted } from './dedupe.js'
export { severityOf, SEVERITY_STYLES } from './severity.js'
export type { SlackBlock, SlackMessage } from './template.js'

export interface SlackDeps {
  fetch?: Fetch
  /** clock of the dedupe window (ms since epoch) */
  now?: () => number
}

export function createSink(name: string, ctx: SinkContext, deps: SlackDeps = {}): Sink<SlackMessage | null> {
  const settings = parseSettings(slackSettingsSchema, ctx.settings, name, 'slack')
  const posted = new WeakSet<SlackMessage>()
  return {
    name,
    limits: SLACK_LIMITS,
    encode: createSlackEncoder(settings, ctx.catalog, deps.now ?? Date.now),
    send: (batch, signal) => sendSlackBatch(settings, batch, signal, posted, deps.fetch),
  }
}
