/**
 * What the compatibility diff reports: one `CatalogChange` per difference
 * between a base catalog and the current one, classified by what it does to
 * the code that emits the events and to the data already collected.
 */
import type { DiagnosticPath } from '../diagnostics.js'

/**
 * `breaking`: a call site or a consumer that worked with the base catalog may
 * fail with the current one. `addition`: everything that worked still works.
 * `change`: neither (routing, ownership, deprecation, PII treatment).
 */
export type ChangeImpact = 'breaking' | 'addition' | 'change'

export const CHANGE_CODES = [
  'event_added',
  'event_removed',
  'event_renamed',
  'property_added',
  'required_property_added',
  'property_removed',
  'property_renamed',
  'type_changed',
  'constraint_narrowed',
  'constraint_widened',
  'made_required',
  'made_optional',
  'enum_value_added',
  'enum_value_removed',
  'distinct_id_changed',
  'destination_added',
  'destination_removed',
  'event_changed',
  'pii_changed',
  'catalog_destination_added',
  'catalog_destination_removed',
] as const
export type ChangeCode = (typeof CHANGE_CODES)[number]

export interface CatalogChange {
  impact: ChangeImpact
  code: ChangeCode
  /** the event the change is about; absent for catalog-level changes */
  event?: string
  /** dotted property path as docs show it: `customer.email`, `items[].sku`, `tags[]` */
  property?: string
  /** one sentence: what changed and, for a breaking change, what callers must do */
  message: string
  /**
   * Path in the YAML document. Resolved in the current catalog (a path that no
   * longer exists resolves to its nearest surviving ancestor) and, when the
   * change is a removal, in the base catalog too.
   */
  path: DiagnosticPath
  /** `base`: the thing is gone, so the base catalog says where it was */
  side: 'current' | 'base'
}

export interface SourceLocation {
  file: string
  /** 1-based */
  line: number
  /** 1-based */
  column: number
}

export interface LocatedChange extends CatalogChange {
  /** where to look: the base catalog for removals, the current one otherwise */
  location: SourceLocation
  /** always in the current catalog (for removals, the nearest surviving ancestor): where a CI annotation goes */
  currentLocation: SourceLocation
}

/** A breaking change on an event is accepted when the event's `version` went up (or, for a removal, when it was deprecated at base). */
export interface GatedChange extends LocatedChange {
  /** present on breaking changes only */
  accepted?: boolean
  /** why it is accepted, or what to do so it is */
  verdict?: string
}
