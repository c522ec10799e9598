/**
 * The catalog as read from YAML and checked for shape, before compilation:
 * values as the user wrote them (defaults not applied yet), each event and
 * alert remembering the file it came from so later checks can point at it.
 */
import type {
  AlertMeasure,
  AuditMapping,
  DeliverySpec,
  DestinationSpec,
  EventKind,
  FlagSpec,
  Level,
  Pricing,
  PropertySpec,
  Severity,
  Threshold,
} from './compiled.js'
import type { Runtime, Target } from './runtimes.js'
import type { Source } from './source.js'

export interface EventModel {
  name: string
  source: Source
  builtin: boolean
  kind: EventKind
  description?: string
  owner?: string
  level?: Level
  severity?: Severity
  distinctId?: string
  message?: string
  version?: number
  deprecated?: string
  sample?: number
  to: string[]
  audit?: AuditMapping
  /** where the event is emitted from; absent: server only */
  runtimes?: Runtime[]
  properties: Record<string, PropertySpec>
}

export interface AlertModel {
  name: string
  source: Source
  builtin: boolean
  description?: string
  when: {
    event?: string
    level?: Level
    measure?: AlertMeasure
    property?: string
    over?: string
    windowMs?: number
    above?: number
  }
  to: string[]
  severity?: Severity
}

export interface CatalogModel {
  source: Source
  service?: string
  piiKey?: string
  environment?: string
  release?: string
  redact: string[]
  context: string[]
  /** present when `context:` is a mapping of field to type */
  contextTypes?: Record<string, PropertySpec>
  destinations: Record<string, DestinationSpec>
  /** destinations declared with a problem already reported (unknown kind, bad name); naming them elsewhere is not reported again */
  unusableDestinations?: string[]
  routes: Record<string, string[]>
  events: Record<string, EventModel>
  pricing: Record<string, Pricing>
  alerts: Record<string, AlertModel>
  flags: Record<string, FlagSpec>
  /** only the thresholds the user wrote; compile adds the defaults */
  thresholds: Record<string, Partial<Threshold>>
  /** generated modules besides events.ts */
  targets?: Target[]
  delivery?: DeliverySpec
}

/** `user`: a service's catalog; `builtin`: the part that ships with linecast. */
export type CatalogPart = 'user' | 'builtin'
