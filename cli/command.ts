/**
 * What a `linecast` command is. A command is one file in `cli/commands/`
 * exporting `defineCommand({...})` and one line in `cli/registry.ts`.
 */
import type { Output } from './output.js'

export interface OptionSpec {
  type: 'string' | 'boolean'
  short?: string
  multiple?: boolean
  default?: string | boolean
  /** placeholder in the usage line, e.g. `FILE` */
  valueName?: string
  description: string
}

type ValueOf<S extends OptionSpec> = S['type'] extends 'string'
  ? S['multiple'] extends true
    ? string[]
    : string
  : S['multiple'] extends true
    ? boolean[]
    : boolean

/** Parsed option values: present when given or defaulted, `undefined` otherwise. */
export type OptionValues<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K] extends { default: string | boolean } ? ValueOf<O[K]> : ValueOf<O[K]> | undefined
}

export interface CommandContext<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  values: OptionValues<O>
  positionals: string[]
  out: Output
  /** directory relative paths resolve against */
  cwd: string
  env: NodeJS.ProcessEnv
  /** aborted on SIGINT/SIGTERM, for long-running commands */
  signal: AbortSignal
}

export interface Command<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  name: string
  /** one line for `linecast --help` */
  summary: string
  /** positional part of the usage line, e.g. `[FILE...]`; empty when none */
  positionals?: string
  /** longer help text shown by `linecast <cmd> --help` */
  description?: string
  options: O
  /** returns the exit code: 0 ok, 1 failed (2 is usage, raised as UsageError) */
  run(context: CommandContext<O>): Promise<number>
}

export function defineCommand<const O extends Record<string, OptionSpec>>(command: Command<O>): Command<O> {
  return command
}
