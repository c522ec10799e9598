/** Command-line parsing on node:util parseArgs; every mistake becomes a UsageError. */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import type { Command, OptionSpec, OptionValues } from './command.js'
import { UsageError } from './errors.js'

export interface ParsedCommandArgs<O extends Record<string, OptionSpec>> {
  values: OptionValues<O>
  positionals: string[]
  help: boolean
}

type ParseOptions = NonNullable<ParseArgsConfig['options']>

function toParseOptions(options: Record<string, OptionSpec>): ParseOptions {
  const out: ParseOptions = { help: { type: 'boolean', short: 'h' } }
  for (const [name, spec] of Object.entries(options)) {
    out[name] = {
      type: spec.type,
      ...(spec.short !== undefined ? { short: spec.short } : {}),
      ...(spec.multiple !== undefined ? { multiple: spec.multiple } : {}),
      ...(spec.default !== undefined ? { default: spec.default } : {}),
    } as ParseOptions[string]
  }
  return out
}

/** parseArgs explains the problem well; drop its hint about `--` and keep the rest. */
function usageMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.split('\n')[0]?.replace(/\. To specify a positional argument.*$/, '') ?? message
}

export function parseCommandArgs<O extends Record<string, OptionSpec>>(
  command: Command<O>,
  argv: readonly string[],
): ParsedCommandArgs<O> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: toParseOptions(command.options),
      strict: true,
      allowPositionals: command.positionals !== undefined && command.positionals.length > 0,
    })
    const { help, ...rest } = values as Record<string, unknown>
    return { values: rest as OptionValues<O>, positionals, help: help === true }
  } catch (error) {
    throw new UsageError(usageMessage(error), command.name)
  }
}

/** Splits `linecast [--help|--version] <command> [args]`. */
export function splitTopLevel(argv: readonly string[]): { flag?: 'help' | 'version'; command?: string; rest: string[] } {
  const [first, ...rest] = argv
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    if (first === 'help' && rest[0] !== undefined) return { command: rest[0], rest: ['--help'] }
    return { flag: 'help', rest: [] }
  }
  if (first === '--version' || first === '-v' || first === 'version') return { flag: 'version', rest: [] }
  if (first.startsWith('-')) throw new UsageError(`unknown option '${first}' before the command`)
  return { command: first, rest }
}
