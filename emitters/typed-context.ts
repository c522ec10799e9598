/**
 * The correlation context as a service sees it: typed by the catalog's
 * `context:` fields. `linecast generate` writes, in `generated/events.ts`,
 *
 *   declare module 'linecast' { interface ContextFields { requestId?: string; … } }
 *
 * so `withContext({ churchID })` does not compile when the catalog says
 * `churchId`. A catalog without context fields leaves `ContextFields` empty and
 * the context an open record. linecast's own code uses the untyped functions
 * of `context.ts`.
 */
import { getContext as currentFields, withContext as runWithFields, type LogContext } from './context.js'

export type { LogContext } from './context.js'

/** The catalog's context fields and their types; filled in by the generated code. */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ContextFields {}

/** What `withContext` accepts: any of the catalog's context fields, or any fields when the catalog lists none. */
export type ContextInput = keyof ContextFields extends never
  ? Readonly<Record<string, unknown>>
  : { readonly [K in keyof ContextFields]?: ContextFields[K] }

/**
 * Runs `fn` with `fields` added to the current correlation context; nested
 * calls merge, the inner value winning; the fields are stamped on every line
 * written inside, across awaits.
 */
export function withContext<T>(fields: ContextInput, fn: () => T): T {
  return runWithFields(fields as Record<string, unknown>, fn)
}

/** The current context, or an empty object outside any `withContext`. */
export function getContext(): ContextInput & LogContext {
  return currentFields() as ContextInput & LogContext
}
