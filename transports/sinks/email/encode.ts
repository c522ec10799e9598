/**
 * line -> email: a cost report (`cost_report_generated`) leads with its period
 * and total; an alert (`alert_triggered`, `*_detected`) with its rule and message;
 * anything else with its event name. The body renders the line's figures as tables.
 */
import type { CompiledCatalog } from '../../../schema/compiled.js'
import type { LogLine } from '../../worker/delivery/types.js'
import { lineProperties } from '../http/line-fields.js'
import type { EmailSettings } from './config.js'
import { figureTables, findTotal, formatFigure } from './figures.js'
import { renderHtml, renderText, type MailBody } from './render.js'

export interface EmailItem {
  eventId: string
  subject: string
  text: string
  html: string
}

const FOOTER_FIELDS = ['service', 'env', 'requestId', 'eventId', 'time'] as const

function words(name: string): string {
  const text = name.replace(/[_\-.]+/g, ' ').trim()
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function period(props: Record<string, unknown>): string | undefined {
  const day = (v: unknown) => (typeof v === 'string' ? v.replace(/T00:00:00(\.000)?Z$/, '') : undefined)
  if (typeof props.period === 'string') return props.period
  const from = day(props.from)
  const to = day(props.to)
  return from && to ? `${from} to ${to}` : from ?? to
}

function heading(line: LogLine, props: Record<string, unknown>): string {
  const event = line.event ?? 'log line'
  if (event === 'cost_report_generated') {
    const when = period(props)
    const total = findTotal(props)
    return ['Cost report', when ? ` ${when}` : '', total ? `: ${formatFigure('cost', total.value)}` : ''].join('')
  }
  const severity = typeof line.severity === 'string' ? `${line.severity.toUpperCase()} ` : ''
  if (event === 'alert_triggered') return `${severity}Alert: ${typeof line.rule === 'string' ? line.rule : 'triggered'}`
  return `${severity}${words(event)}`
}

export function createEmailEncoder(settings: EmailSettings, catalog: CompiledCatalog): (line: LogLine) => EmailItem {
  const context = new Set(catalog.context)
  return (line) => {
    const props = lineProperties(line, context)
    const head = heading(line, props)
    const footer = FOOTER_FIELDS.filter((k) => line[k] !== undefined).map((k): [string, string] => [k, String(line[k])])
    const errorText = line.err ? `${line.err.type ?? 'Error'}: ${line.err.message ?? ''}` : undefined
    const intro = [line.msg, errorText].filter(Boolean).join('\n') || undefined
    const body: MailBody = { heading: head, tables: figureTables(props), footer, ...(intro ? { intro } : {}) }
    const summary = line.msg && line.event !== 'cost_report_generated' ? `: ${line.msg}` : ''
    const subject = `${settings.subjectPrefix ? `${settings.subjectPrefix} ` : ''}${head}${summary}`.replace(/\s+/g, ' ').slice(0, 250)
    return { eventId: line.eventId, subject, text: renderText(body), html: renderHtml(body) }
  }
}
