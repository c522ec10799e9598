/** `delivery:`: how lines leave the service: in process (default) or through a Redis Stream read by `linecast relay`. */
import { DELIVERY_MODES, type DeliverySpec } from '../compiled.js'
import { checkTemplates } from './destination.js'
import { checkKeys, readBoolean, readChoice, readMap, readString, type ReadContext } from './values.js'

const DELIVERY_KEYS = ['mode', 'redisUrl', 'stream', 'group', 'cluster'] as const

export function readDelivery(ctx: ReadContext, value: unknown): DeliverySpec | undefined {
  if (value === undefined) return undefined
  const map = readMap(ctx, value, ['delivery'], 'a mapping such as `{ mode: stream, redisUrl: "${REDIS_URL}", stream: linecast:lines }`')
  if (!map) return undefined
  checkKeys(ctx, map, ['delivery'], DELIVERY_KEYS, 'delivery')
  const spec: DeliverySpec = { mode: readChoice(ctx, map, ['delivery'], 'mode', DELIVERY_MODES) ?? 'process' }
  for (const key of ['redisUrl', 'stream', 'group'] as const) {
    const text = readString(ctx, map, ['delivery'], key)
    if (text === undefined) continue
    checkTemplates(ctx, text, ['delivery', key])
    spec[key] = text
  }
  const cluster = readBoolean(ctx, map, ['delivery'], 'cluster')
  if (cluster !== undefined) spec.cluster = cluster
  return spec
}
