/**
 * The zod schema of each catalog event, built at run time from the compiled
 * catalog with the same source text `linecast generate` writes into
 * generated/events.ts (schema/generate/zod-source.ts), so lines shipped from
 * another runtime are held to exactly the rules `log.emit` applies.
 */
import { z, type ZodType } from 'zod'
import type { CompiledCatalog, CompiledEvent } from '../../schema/compiled.js'
import { evaluateZodObject } from '../../schema/generate/zod-source.js'

export interface EventSchemas {
  /** for a raw line: the event's properties exactly as the catalog declares them */
  raw: ZodType<Record<string, unknown>>
  /**
   * for a line a linecast logger wrote: properties it already hashed or
   * redacted (`pii: hash | redact`) hold the treated value, any value passes there
   */
  treated: ZodType<Record<string, unknown>>
}

type ZodObjectLike = ZodType<Record<string, unknown>> & { extend(shape: Record<string, ZodType>): ZodType<Record<string, unknown>> }

function buildSchema(event: CompiledEvent): ZodObjectLike {
  // the generated module's text, evaluated against this process's zod
  return evaluateZodObject<ZodObjectLike>(event.properties, z)
}

export function eventSchemas(catalog: CompiledCatalog): Map<string, EventSchemas> {
  const out = new Map<string, EventSchemas>()
  for (const [name, event] of Object.entries(catalog.events)) {
    const raw = buildSchema(event)
    const treatedKeys = new Set([...event.pii.hash, ...event.pii.redact].map((path) => path.split('.')[0]?.replace(/\[\]$/, '') ?? ''))
    const relaxed: Record<string, ZodType> = {}
    for (const key of treatedKeys) if (key in event.properties) relaxed[key] = event.properties[key]?.optional === true ? z.any().optional() : z.any()
    out.set(name, { raw, treated: Object.keys(relaxed).length === 0 ? raw : raw.extend(relaxed) })
  }
  return out
}
