/** The top level of a catalog file. */
import { RESERVED_FIELDS } from '../compiled.js'
import { dict } from '../dict.js'
import type { CatalogModel, CatalogPart } from '../model.js'
import { readAlerts } from './alert.js'
import { checkTemplates, readDestinations, readRoutes } from './destination.js'
import { readDelivery } from './delivery.js'
import { readEvents } from './event.js'
import { PROPERTY_NAME, readProperties } from './property.js'
import { reportPrototypeName } from './prototype-names.js'
import { readTargets } from './runtimes.js'
import { readFlags, readPricing, readThresholds } from './sections.js'
import { checkKeys, isRecord, readString, readStringList, wrongType, type ReadContext } from './values.js'

export const TOP_LEVEL_KEYS = [
  'catalog',
  'service',
  'environment',
  'release',
  'redact',
  'context',
  'piiKey',
  'destinations',
  'routes',
  'events',
  'pricing',
  'alerts',
  'flags',
  'thresholds',
  'targets',
  'delivery',
] as const

/** What the built-in part may declare: it has no service, destinations or routes of its own. */
const BUILTIN_KEYS = ['catalog', 'events', 'alerts'] as const

function readVersion(ctx: ReadContext, root: Record<string, unknown>): void {
  const version = root.catalog
  if (version === 1) return
  ctx.report.error(
    ctx.source,
    ['catalog'],
    'LC_CATALOG_VERSION',
    version === undefined
      ? 'the catalog must start with `catalog: 1` (the catalog format version)'
      : `\`catalog: ${JSON.stringify(version)}\` is not a format this linecast reads; write \`catalog: 1\``,
    version === undefined ? 'key' : 'value',
  )
}

function readTemplate(ctx: ReadContext, root: Record<string, unknown>, key: string): string | undefined {
  const value = readString(ctx, root, [], key)
  if (value !== undefined) checkTemplates(ctx, value, [key])
  return value
}

export function readCatalog(ctx: ReadContext, part: CatalogPart): CatalogModel {
  const model: CatalogModel = {
    source: ctx.source,
    redact: [],
    context: [],
    destinations: dict(),
    routes: dict(),
    events: dict(),
    pricing: dict(),
    alerts: dict(),
    flags: dict(),
    thresholds: dict(),
  }
  const root = ctx.source.value
  if (!isRecord(root)) {
    if (root === undefined || root === null)
      ctx.report.error(ctx.source, [], 'LC_CATALOG_VERSION', 'the catalog is empty: start it with `catalog: 1` and `service: <name>`')
    else wrongType(ctx, [], 'a mapping (`catalog: 1`, `service: ...`, `events: ...`)', root)
    return model
  }
  const builtin = part === 'builtin'
  checkKeys(ctx, root, [], builtin ? BUILTIN_KEYS : TOP_LEVEL_KEYS, 'top-level')
  readVersion(ctx, root)
  if (!builtin) {
    const service = readString(ctx, root, [], 'service')
    if (root.service === undefined)
      ctx.report.error(ctx.source, ['service'], 'LC_MISSING_FIELD', 'the catalog needs `service: <name>`: it is stamped on every line', 'key')
    else if (service === '') ctx.report.error(ctx.source, ['service'], 'LC_MISSING_FIELD', '`service` is empty: name the service')
    if (service) model.service = service
    const piiKey = readTemplate(ctx, root, 'piiKey')
    if (piiKey !== undefined) model.piiKey = piiKey
    const environment = readTemplate(ctx, root, 'environment')
    if (environment !== undefined) model.environment = environment
    const release = readTemplate(ctx, root, 'release')
    if (release !== undefined) model.release = release
    model.redact = readStringList(ctx, root, [], 'redact') ?? []
    if (isRecord(root.context)) {
      model.contextTypes = readProperties(ctx, root.context, ['context'], true)
      model.context = Object.keys(model.contextTypes)
    } else model.context = readStringList(ctx, root, [], 'context') ?? []
    if (model.contextTypes === undefined) model.context.forEach((field, index) => {
      const at = ['context', index]
      if (reportPrototypeName(ctx, { name: field, path: at, what: 'context field', style: 'camel', suffix: 'field', anchor: 'value' })) return
      if (!PROPERTY_NAME.test(field))
        ctx.report.error(ctx.source, ['context', index], 'LC_INVALID_PROPERTY_NAME', `context field \`${field}\` is not an identifier; use letters, digits and _`)
      else if ((RESERVED_FIELDS as readonly string[]).includes(field))
        ctx.report.error(
          ctx.source,
          ['context', index],
          'LC_RESERVED_PROPERTY',
          `context field \`${field}\` collides with the \`${field}\` field every line carries; rename it (reserved: ${RESERVED_FIELDS.join(', ')})`,
        )
    })
    const destinations = readDestinations(ctx, root.destinations)
    model.destinations = destinations.destinations
    if (destinations.unusable.length > 0) model.unusableDestinations = destinations.unusable
    model.routes = readRoutes(ctx, root.routes)
    model.pricing = readPricing(ctx, root.pricing)
    model.flags = readFlags(ctx, root.flags)
    model.thresholds = readThresholds(ctx, root.thresholds)
    const targets = readTargets(ctx, root)
    if (targets !== undefined && targets.length > 0) model.targets = targets
    const delivery = readDelivery(ctx, root.delivery)
    if (delivery !== undefined) model.delivery = delivery
  }
  model.events = readEvents(ctx, root.events, builtin)
  model.alerts = readAlerts(ctx, root.alerts, builtin)
  return model
}
