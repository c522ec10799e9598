/**
 * Compiled catalogs and events built by hand for tests that need the plain
 * data and not the loader: every field empty or at its default, and the test
 * names only what it is about.
 */
import type { CompiledCatalog, CompiledEvent } from '../../schema/compiled.js'

/** An event with no properties, no PII and no destinations: `analytics` at `info`, helper and description its name. */
export function compiledEvent(name: string, extra: Partial<CompiledEvent> = {}): CompiledEvent {
  return {
    name,
    helper: name,
    kind: 'analytics',
    description: name,
    level: 'info',
    version: 1,
    to: [],
    properties: {},
    pii: { hash: [], redact: [], keep: [] },
    ...extra,
  }
}

/** A catalog of service `api` with nothing in it but what `extra` sets. */
export function compiledCatalog(extra: Partial<CompiledCatalog> = {}): CompiledCatalog {
  return {
    catalog: 1,
    service: 'api',
    redact: [],
    context: [],
    destinations: {},
    routes: {},
    events: {},
    pricing: {},
    alerts: {},
    flags: {},
    thresholds: {},
    ...extra,
  }
}
