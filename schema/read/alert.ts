/** `alerts:`: windowed rules over events or levels. */
import { dict } from '../dict.js'
import { LEVELS, SEVERITIES, type AlertMeasure } from '../compiled.js'
import { pathText } from '../diagnostics.js'
import { InvalidDurationError, parseDuration } from '../duration.js'
import type { AlertModel } from '../model.js'
import { checkName } from './event.js'
import {
  checkKeys,
  missing,
  readChoice,
  readMap,
  readNumber,
  readString,
  readStringList,
  wrongType,
  type Path,
  type ReadContext,
} from './values.js'

export const ALERT_MEASURES: readonly AlertMeasure[] = ['count', 'sum', 'avg', 'max', 'p50', 'p90', 'p95', 'p99']
const ALERT_KEYS = ['description', 'when', 'to', 'severity'] as const
const WHEN_KEYS = ['event', 'level', 'over', 'above', ...ALERT_MEASURES] as const

function readWhen(ctx: ReadContext, value: unknown, path: Path): AlertModel['when'] {
  const when: AlertModel['when'] = {}
  const map = readMap(ctx, value, path, 'a mapping such as `{ event: ai_api_call, sum: cost, over: 1h, above: 10 }`')
  if (!map) return when
  checkKeys(ctx, map, path, WHEN_KEYS, 'alert condition')
  const event = readString(ctx, map, path, 'event')
  if (event !== undefined) when.event = event
  const level = readChoice(ctx, map, path, 'level', LEVELS)
  if (level !== undefined) when.level = level
  if (map.event === undefined && map.level === undefined) {
    ctx.report.error(
      ctx.source,
      path,
      'LC_ALERT_TARGET',
      `${pathText(path)} watches nothing: name an event (\`event: http_request\`) or a level (\`level: error\`)`,
      'key',
    )
  }

  const measures = ALERT_MEASURES.filter((m) => map[m] !== undefined)
  if (measures.length > 1) {
    ctx.report.error(
      ctx.source,
      [...path, measures[1] ?? ''],
      'LC_ALERT_MEASURE',
      `${pathText(path)} names ${measures.length} measures (${measures.join(', ')}); keep exactly one`,
      'key',
    )
  }
  const measure = measures[0]
  if (measure === undefined) {
    // `{ level: error, over: 1m, above: 10 }` counts lines
    if (map.level !== undefined && map.event === undefined) when.measure = 'count'
    else
      ctx.report.error(
        ctx.source,
        path,
        'LC_ALERT_MEASURE',
        `${pathText(path)} needs a measure: \`count: true\`, or one of sum, avg, max, p50, p90, p95, p99 naming a numeric property`,
        'key',
      )
  } else if (measure === 'count') {
    if (map.count !== true) wrongType(ctx, [...path, 'count'], 'true', map.count)
    when.measure = 'count'
  } else {
    when.measure = measure
    const property = readString(ctx, map, path, measure)
    if (property !== undefined) when.property = property
    if (map.event === undefined)
      ctx.report.error(
        ctx.source,
        [...path, measure],
        'LC_ALERT_TARGET',
        `${pathText(path)}.${measure} measures a property, so the rule must name the event that carries it (\`event: ...\`)`,
        'key',
      )
  }

  const over = map.over
  if (over === undefined) missing(ctx, path, 'over', 'give the window length, e.g. `over: 5m`')
  else if (typeof over !== 'string') wrongType(ctx, [...path, 'over'], 'a duration such as 30s, 5m, 1h or 1d', over)
  else {
    try {
      when.windowMs = parseDuration(over)
      when.over = over
    } catch (error) {
      if (!(error instanceof InvalidDurationError)) throw error
      ctx.report.error(ctx.source, [...path, 'over'], 'LC_INVALID_DURATION', `${pathText([...path, 'over'])}: ${error.message}`)
    }
  }
  const above = readNumber(ctx, map, path, 'above')
  if (map.above === undefined) missing(ctx, path, 'above', 'give the threshold the measure must exceed, e.g. `above: 10`')
  if (above !== undefined) when.above = above
  return when
}

export function readAlerts(ctx: ReadContext, value: unknown, builtin: boolean): Record<string, AlertModel> {
  const out = dict<AlertModel>()
  if (value === undefined) return out
  const map = readMap(ctx, value, ['alerts'], 'a mapping of alert name to rule')
  if (!map) return out
  for (const [name, raw] of Object.entries(map)) {
    const path = ['alerts', name]
    checkName(ctx, name, path, 'alert', 'cost_anomaly')
    const rule = readMap(ctx, raw, path, 'a mapping `{ when, to }`')
    if (!rule) continue
    checkKeys(ctx, rule, path, ALERT_KEYS, 'alert')
    if (rule.when === undefined) missing(ctx, path, 'when', 'say what to watch, e.g. `when: { level: error, count: true, over: 1m, above: 10 }`')
    const alert: AlertModel = {
      name,
      source: ctx.source,
      builtin,
      when: rule.when === undefined ? {} : readWhen(ctx, rule.when, [...path, 'when']),
      to: readStringList(ctx, rule, path, 'to') ?? [],
    }
    const description = readString(ctx, rule, path, 'description')
    if (description !== undefined) alert.description = description
    const severity = readChoice(ctx, rule, path, 'severity', SEVERITIES)
    if (severity !== undefined) alert.severity = severity
    out[name] = alert
  }
  return out
}
