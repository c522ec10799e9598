/**
 * line -> Slack message, or null for a repeat of an alert inside the dedupe
 * window (nothing is sent for it; the next message of that alert counts it).
 */
import type { CompiledCatalog } from '../../../schema/compiled.js'
import type { LogLine } from '../../worker/delivery/types.js'
import type { SlackSettings } from './config.js'
import { AlertDeduper, dedupeKey } from './dedupe.js'
import { severityOf } from './severity.js'
import { renderMessage, type SlackMessage } from './template.js'

export function createSlackEncoder(
  settings: SlackSettings,
  catalog: CompiledCatalog,
  now: () => number,
): (line: LogLine) => SlackMessage | null {
  const deduper = new AlertDeduper(settings.dedupeWindow, now)
  return (line) => {
    const admitted = deduper.admit(dedupeKey(line))
    if (admitted === null) return null
    const severity = severityOf(line, catalog)
    const mention = settings.mention !== undefined && settings.mentionOn.includes(severity) ? settings.mention : undefined
    const message = renderMessage(line, catalog, {
      severity,
      admitted,
      dedupeWindowMs: settings.dedupeWindow,
      ...(mention ? { mention } : {}),
    })
    if (settings.channel) message.channel = settings.channel
    if (settings.username) message.username = settings.username
    if (settings.iconEmoji) message.icon_emoji = settings.iconEmoji
    return message
  }
}
