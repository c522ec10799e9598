/**
 * The correlation context in `events.ts`: an interface of the catalog's
 * context fields, and the augmentation that makes linecast's `withContext`
 * and `getContext` take exactly those fields:
 *
 *   export interface LinecastContext { requestId?: string; attempt?: number }
 *   declare module 'linecast' { interface ContextFields extends LinecastContext {} }
 *
 * Fields typed in the catalog (`context: { attempt: integer }`) get their
 * type; fields of the plain list form (`context: [requestId]`) take a string,
 * number or boolean. A catalog without context fields renders nothing, and
 * the context stays an open record.
 */
import type { CompiledCatalog } from '../compiled.js'
import { jsdoc } from './jsdoc.js'
import { propertyKey } from './names.js'
import { propertyDocLines, tsType } from './ts-types.js'

/** The type of a context field listed without a type. */
export const UNTYPED_CONTEXT_FIELD = 'string | number | boolean'

export const CONTEXT_INTERFACE = 'LinecastContext'

function fieldLine(compiled: CompiledCatalog, field: string): string {
  const spec = compiled.contextTypes?.[field]
  const doc = spec === undefined ? '' : jsdoc(propertyDocLines(spec), '  ')
  return `${doc}  ${propertyKey(field)}?: ${spec === undefined ? UNTYPED_CONTEXT_FIELD : tsType(spec, '  ')}\n`
}

/** The block `events.ts` ends with; `runtime` is the quoted module specifier of linecast. */
export function renderContextTs(compiled: CompiledCatalog, runtime: string): string {
  if (compiled.context.length === 0) return ''
  return [
    `\n/** The catalog's context fields: what \`withContext\` accepts, stamped on every line written inside it. */\n`,
    `export interface ${CONTEXT_INTERFACE} {\n${compiled.context.map((field) => fieldLine(compiled, field)).join('')}}\n`,
    `\ndeclare module ${runtime} {\n  interface ContextFields extends ${CONTEXT_INTERFACE} {}\n}\n`,
  ].join('')
}
