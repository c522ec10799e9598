import type { ZodType } from 'zod'
import type { CompiledCatalog } from './compiled.js'

/** `logo_generated` -> `logoGenerated`, at the type level (the runtime uses `helperName`). */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S

export function helperName(eventName: string): string {
  return eventName.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())
}

/**
 * A catalog as the runtime takes it: the compiled plain data plus one zod
 * schema per event. `E` maps event names to their property types; it exists
 * only at the type level and types `log.emit`.
 */
export interface Catalog<E extends object = Record<string, Record<string, unknown>>> {
  readonly compiled: CompiledCatalog
  readonly schemas: { readonly [K in keyof E]: ZodType<E[K]> }
  /** phantom: never set at run time */
  readonly __events?: E
}

/** Called by `generated/events.ts`; not meant to be written by hand. */
export function defineCatalog<E extends object>(
  compiled: CompiledCatalog,
  schemas: { readonly [K in keyof E]: ZodType<E[K]> },
): Catalog<E> {
  return { compiled, schemas }
}
