/**
 * Lint rules: conventions a catalog should follow beyond its shape. Each rule
 * reads the merged catalog model and reports with positions.
 */
import { ANALYTICS_DESTINATION_KINDS, type PropertySpec } from './compiled.js'
import { defaultLevel } from './compile.js'
import type { CatalogModel, EventModel } from './model.js'
import { endsInPastTense, suggestPastTenseName } from './past-tense.js'
import { piiEntries } from './pii.js'
import { reachedDestinations } from '../core/reach.js'
import type { Reporter } from './report.js'

export { endsInPastTense, isPastTense } from './past-tense.js'

export interface LintRule {
  code: string
  severity: 'error' | 'warning'
  summary: string
  check(model: CatalogModel, report: Reporter): void
}

const namesHappenings = (event: EventModel): boolean => event.kind === 'analytics' || event.kind === 'audit'

const PERSONAL_NAME = /(?:^|_)(?:e_?mail|email_?address|phone(?:_?number)?|ip_?address)$|(?:Email|EmailAddress|Phone|PhoneNumber|IpAddress)$/i

function personalFields(properties: Record<string, PropertySpec>, base: (string | number)[]): (string | number)[][] {
  const out: (string | number)[][] = []
  const walk = (name: string, spec: PropertySpec, yamlPath: (string | number)[]): void => {
    if (spec.pii !== undefined) return
    if (spec.type === 'string' && (spec.format === 'email' || PERSONAL_NAME.test(name))) out.push(yamlPath)
    if (spec.type === 'object')
      for (const [child, childSpec] of Object.entries(spec.properties)) walk(child, childSpec, [...yamlPath, 'properties', child])
    if (spec.type === 'array') walk(name, spec.items, [...yamlPath, 'items'])
  }
  for (const [name, spec] of Object.entries(properties)) walk(name, spec, [...base, name])
  return out
}

export const LINT_RULES: readonly LintRule[] = [
  {
    code: 'LC_MISSING_DESCRIPTION',
    severity: 'error',
    summary: 'every event and flag has a description: the catalog is the documentation of what a service tracks',
    check(model, report) {
      for (const event of Object.values(model.events)) {
        if (event.description === undefined || event.description.trim() === '')
          report.error(event.source, ['events', event.name], 'LC_MISSING_DESCRIPTION', `event \`${event.name}\` needs a \`description\`: say in one sentence what happened`, 'key')
      }
      for (const flag of Object.values(model.flags)) {
        if (flag.description.trim() === '')
          report.error(model.source, ['flags', flag.name], 'LC_MISSING_DESCRIPTION', `flag \`${flag.name}\` needs a \`description\`: say what it turns on`, 'key')
      }
    },
  },
  {
    code: 'LC_EVENT_NAME_TENSE',
    severity: 'warning',
    summary: 'analytics and audit event names are noun_past_tense (`logo_generated`, `user_signed_up`)',
    check(model, report) {
      for (const event of Object.values(model.events)) {
        if (!namesHappenings(event) || endsInPastTense(event.name)) continue
        report.warning(
          event.source,
          ['events', event.name],
          'LC_EVENT_NAME_TENSE',
          `event \`${event.name}\` should be named noun_past_tense, e.g. \`${suggestPastTenseName(event.name)}\`: say what happened, to what`,
          'key',
        )
      }
    },
  },
  {
    code: 'LC_EVENT_NAME_STYLE',
    severity: 'warning',
    summary: 'event names have no doubled or trailing underscores',
    check(model, report) {
      for (const event of Object.values(model.events)) {
        if (!/__|_$/.test(event.name)) continue
        const fixed = event.name.replace(/_+/g, '_').replace(/_$/, '')
        report.warning(event.source, ['events', event.name], 'LC_EVENT_NAME_STYLE', `event \`${event.name}\` has a doubled or trailing _; write \`${fixed}\``, 'key')
      }
    },
  },
  {
    code: 'LC_PII_KEEP_ANALYTICS',
    severity: 'error',
    summary: 'a `pii: keep` property never reaches an analytics destination (posthog, mixpanel)',
    check(model, report) {
      for (const event of Object.values(model.events)) {
        const kept = piiEntries(event.properties).filter((entry) => entry.mode === 'keep')
        if (kept.length === 0) continue
        const reached = reachedDestinations(
          { level: defaultLevel(event), severity: event.severity, to: event.to },
          model,
        ).filter((name) => {
          const kind = model.destinations[name]?.kind
          return kind !== undefined && ANALYTICS_DESTINATION_KINDS.includes(kind)
        })
        if (reached.length === 0) continue
        for (const entry of kept) {
          report.error(
            event.source,
            ['events', event.name, 'properties', ...entry.yamlPath],
            'LC_PII_KEEP_ANALYTICS',
            `\`${event.name}.${entry.path}\` keeps raw PII but the event reaches the analytics destination ${reached.map((n) => `\`${n}\``).join(', ')}: hash it (\`pii: hash\`) or drop it`,
          )
        }
      }
    },
  },
  {
    code: 'LC_PII_UNDECLARED',
    severity: 'warning',
    summary: 'an email, phone or IP address property says how to treat it (`pii: hash | redact | keep`)',
    check(model, report) {
      for (const event of Object.values(model.events)) {
        for (const path of personalFields(event.properties, ['events', event.name, 'properties'])) {
          const name = path.filter((p) => typeof p === 'string' && p !== 'properties' && p !== 'items').slice(2).join('.')
          report.warning(
            event.source,
            path,
            'LC_PII_UNDECLARED',
            `\`${event.name}.${name}\` looks like personal data: declare \`pii: hash\` (analytics), \`pii: redact\` or \`pii: keep\` (audit only)`,
            'key',
          )
        }
      }
    },
  },
  {
    code: 'LC_AUDIT_MAPPING_MISSING',
    severity: 'warning',
    summary: 'an audit event says how it becomes an audit_log row (`audit: { action, resourceType, resourceId }`)',
    check(model, report) {
      for (const event of Object.values(model.events)) {
        if (event.kind !== 'audit' || event.audit !== undefined) continue
        report.warning(
          event.source,
          ['events', event.name, 'kind'],
          'LC_AUDIT_MAPPING_MISSING',
          `audit event \`${event.name}\` has no \`audit:\` mapping; add \`audit: { action: ..., resourceType: ..., resourceId: ... }\``,
        )
      }
    },
  },
  {
    code: 'LC_UNUSED_DESTINATION',
    severity: 'warning',
    summary: 'every declared destination is used by an event, a route or an alert',
    check(model, report) {
      const used = new Set<string>()
      for (const names of Object.values(model.routes)) for (const n of names) used.add(n)
      for (const event of Object.values(model.events)) for (const n of event.to) used.add(n)
      for (const alert of Object.values(model.alerts)) for (const n of alert.to) used.add(n)
      for (const name of Object.keys(model.destinations)) {
        if (used.has(name)) continue
        report.warning(
          model.source,
          ['destinations', name],
          'LC_UNUSED_DESTINATION',
          `destination \`${name}\` is never used: name it in an event's \`to\`, in \`routes\` or in an alert, or remove it`,
          'key',
        )
      }
    },
  },
]

export function lintCatalog(model: CatalogModel, report: Reporter): void {
  for (const rule of LINT_RULES) rule.check(model, report)
}
