/**
 * The feature-flag part of `events.ts`: the `LinecastFlags` interface, one
 * member per flag of the catalog's `flags:` section, keyed by helper name and
 * typed by what the flag resolves to (`boolean`, or the union of its
 * variants). `createFlags<LinecastFlags>(catalog, {...})` turns it into one
 * typed method per flag.
 */
import type { CompiledCatalog, FlagSpec } from '../compiled.js'
import { LinecastError } from '../../core/errors.js'
import { jsdoc } from './jsdoc.js'
import { pascalName, propertyKey, schemaName } from './names.js'

export const FLAGS_INTERFACE = 'LinecastFlags'

/** Methods every flag client has besides its flags; a flag helper may not use these names. */
export const FLAG_CLIENT_MEMBERS = ['ready', 'shutdown'] as const

/** A flag's helper name is taken by the flag client or by a generated identifier. */
export class FlagNameReservedError extends LinecastError {
  constructor(
    readonly flag: string,
    readonly identifier: string,
    taken: string,
  ) {
    super('LINECAST_GENERATE_FLAG_NAME_RESERVED', `flag "${flag}" generates ${identifier}, which is ${taken}; rename the flag in the catalog`)
  }
}

function assertFlagNames(compiled: CompiledCatalog): void {
  for (const name of Object.keys(compiled.events)) {
    if (pascalName(name) === FLAGS_INTERFACE || schemaName(name) === FLAGS_INTERFACE) {
      throw new FlagNameReservedError(name, FLAGS_INTERFACE, 'the feature flags interface; the event (not a flag) must be renamed')
    }
  }
  for (const flag of Object.values(compiled.flags)) {
    if ((FLAG_CLIENT_MEMBERS as readonly string[]).includes(flag.helper)) {
      throw new FlagNameReservedError(flag.name, flag.helper, "a method of linecast's flag client")
    }
  }
}

/** `boolean` for a boolean flag, the union of the variant keys for a multivariate one. */
export function flagValueType(flag: FlagSpec): string {
  if (flag.variants === undefined || flag.variants.length === 0) return 'boolean'
  return flag.variants.map((v) => JSON.stringify(v)).join(' | ')
}

function flagMember(flag: FlagSpec): string {
  const doc = [flag.description, `Flag \`${flag.name}\`; default ${JSON.stringify(flag.default)} when PostHog cannot answer.`]
  if (flag.owner !== undefined) doc.push(`Owner: ${flag.owner}`)
  return `${jsdoc(doc, '  ')}  ${propertyKey(flag.helper)}: ${flagValueType(flag)}\n`
}

/** The block appended to `events.ts` (always present, empty for a catalog without flags). */
export function renderFlagsTs(compiled: CompiledCatalog): string {
  assertFlagNames(compiled)
  const flags = Object.keys(compiled.flags)
    .sort()
    .map((name) => compiled.flags[name])
    .filter((f): f is FlagSpec => f !== undefined)
  const doc = '/** Feature flags by helper name and the value each resolves to: `createFlags<LinecastFlags>(catalog, options)`. */\n'
  if (flags.length === 0) return `\n${doc}export interface ${FLAGS_INTERFACE} {}\n`
  return `\n${doc}export interface ${FLAGS_INTERFACE} {\n${flags.map(flagMember).join('')}}\n`
}
