/**
 * One line -> one Slack message: a header (severity and title), a section with the
 * message, up to ten fields with the key properties, a context line with
 * service/env/requestId/eventId, and the repeats suppressed since the last message.
 * Alerts (`alert_triggered`, `*_detected`) and errors each get their own title and body.
 */
import type { CompiledCatalog, Severity } from '../../../schema/compiled.js'
import type { LogLine } from '../../worker/delivery/types.js'
import { lineProperties } from '../http/line-fields.js'
import type { Admitted } from './dedupe.js'
import { escapeMrkdwn, formatValue, humanize, truncate } from './mrkdwn.js'
import { SEVERITY_STYLES } from './severity.js'

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: true } }
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'section'; fields: { type: 'mrkdwn'; text: string }[] }
  | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] }

export interface SlackMessage {
  text: string
  blocks: SlackBlock[]
  channel?: string
  username?: string
  icon_emoji?: string
}

export type MessageKind = 'alert' | 'error' | 'event'

export interface RenderOptions {
  severity: Severity
  /** prepended to the message (already Slack syntax, not escaped), e.g. `<!channel>` */
  mention?: string
  admitted: Admitted
  dedupeWindowMs: number
}

/** alert fields first, in this order, when the line has them */
const ALERT_FIELDS = ['rule', 'measure', 'property', 'value', 'threshold', 'above', 'window', 'over', 'count']
const CONTEXT_FIELDS = ['service', 'env', 'requestId', 'eventId'] as const
const MAX_FIELDS = 10

export function messageKind(line: LogLine, catalog: CompiledCatalog): MessageKind {
  const event = line.event ?? ''
  if (event === 'alert_triggered' || event.endsWith('_detected')) return 'alert'
  if (line.err !== undefined || (line.event && catalog.events[line.event]?.kind === 'error') || line.kind === 'error') return 'error'
  return 'event'
}

function title(line: LogLine, kind: MessageKind): string {
  const event = line.event ?? 'log line'
  if (kind === 'alert' && event === 'alert_triggered') {
    return typeof line.rule === 'string' ? `Alert: ${line.rule}` : 'Alert triggered'
  }
  return humanize(event)
}

function body(line: LogLine, kind: MessageKind, catalog: CompiledCatalog, mention: string | undefined): string {
  const parts: string[] = []
  if (mention) parts.push(mention)
  parts.push(escapeMrkdwn(line.msg ?? title(line, kind)))
  if (kind === 'alert' && typeof line.rule === 'string') {
    const description = catalog.alerts[line.rule]?.description
    if (description) parts.push(`\n_${escapeMrkdwn(description)}_`)
  }
  if (kind === 'error' && line.err) {
    const name = line.err.type ?? 'Error'
    const code = line.err.code !== undefined ? ` (${String(line.err.code)})` : ''
    parts.push(`\n\`${escapeMrkdwn(`${name}${code}: ${line.err.message ?? ''}`.trim())}\``)
  }
  return truncate(parts.join(' ').replace(/ \n/g, '\n'), 3000)
}

function fields(line: LogLine, kind: MessageKind, catalog: CompiledCatalog): { type: 'mrkdwn'; text: string }[] {
  const properties = lineProperties(line, new Set(catalog.context))
  delete properties.severity
  const keys = Object.keys(properties)
  const ordered = kind === 'alert' ? [...ALERT_FIELDS.filter((k) => k in properties), ...keys.filter((k) => !ALERT_FIELDS.includes(k))] : keys
  return ordered.slice(0, MAX_FIELDS).map((key) => ({
    type: 'mrkdwn',
    text: truncate(`*${escapeMrkdwn(key)}*\n${escapeMrkdwn(formatValue(properties[key]))}`, 2000),
  }))
}

function contextLine(line: LogLine): string {
  return CONTEXT_FIELDS.filter((k) => line[k] !== undefined)
    .map((k) => `${k}: \`${escapeMrkdwn(formatValue(line[k], 100))}\``)
    .join('  ·  ')
}

function repeatsLine(admitted: Admitted, windowMs: number): string | undefined {
  if (admitted.repeats === 0) return undefined
  const minutes = Math.round(windowMs / 60_000)
  const window = minutes >= 1 ? `${minutes} min` : `${Math.round(windowMs / 1000)} s`
  const since = admitted.previousAt !== undefined ? ` since ${new Date(admitted.previousAt).toISOString()}` : ''
  const times = admitted.repeats === 1 ? 'time' : 'times'
  return `:repeat: repeated ${admitted.repeats} more ${times}${since} (one message per ${window})`
}

export function renderMessage(line: LogLine, catalog: CompiledCatalog, options: RenderOptions): SlackMessage {
  const kind = messageKind(line, catalog)
  const style = SEVERITY_STYLES[options.severity]
  const heading = truncate(`${style.emoji} ${style.label} · ${title(line, kind)}`, 150)
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: heading, emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: body(line, kind, catalog, options.mention) } },
  ]
  const keyFields = fields(line, kind, catalog)
  if (keyFields.length > 0) blocks.push({ type: 'section', fields: keyFields })
  const context = [contextLine(line), repeatsLine(options.admitted, options.dedupeWindowMs)].filter((t): t is string => !!t)
  if (context.length > 0) blocks.push({ type: 'context', elements: context.map((text) => ({ type: 'mrkdwn', text })) })
  const repeats = options.admitted.repeats > 0 ? ` (+${options.admitted.repeats} repeats)` : ''
  const msg = line.msg ? `: ${escapeMrkdwn(line.msg)}` : ''
  const text = `${options.mention ? `${options.mention} ` : ''}${style.label} ${title(line, kind)}${msg}${repeats}`
  return { text: truncate(text, 3000), blocks }
}
