/**
 * `linecast <command> [options]`: parse, dispatch, map failures to exit
 * codes (0 ok, 1 failed, 2 usage). Runs in-process with injected streams.
 */
import { parseCommandArgs, splitTopLevel } from './args.js'
import { UsageError } from './errors.js'
import { commandHelp, topLevelHelp } from './help.js'
import { createOutput, type OutputStreams } from './output.js'
import { commands, findCommand } from './registry.js'
import { LinecastError } from '../core/errors.js'
import { packageVersion } from './version.js'
import { closest } from '../schema/suggest.js'

export interface RunOptions extends OutputStreams {
  cwd: string
  env: NodeJS.ProcessEnv
  signal?: AbortSignal
}

/** `linecast tial`: the closest command when one is near, the list of commands otherwise. */
function unknownCommand(name: string): UsageError {
  const names = commands.map((c) => c.name)
  const near = closest(name, names)
  return new UsageError(
    near !== undefined
      ? `unknown command '${name}'; did you mean \`linecast ${near}\`?`
      : `unknown command '${name}'; the commands are: ${names.join(', ')}`,
  )
}

export async function runCli(argv: readonly string[], options: RunOptions): Promise<number> {
  const out = createOutput(options)
  try {
    const top = splitTopLevel(argv)
    if (top.flag === 'version') {
      out.line(packageVersion())
      return 0
    }
    if (top.flag === 'help' || top.command === undefined) {
      out.line(topLevelHelp(commands, packageVersion()))
      return 0
    }
    const command = findCommand(top.command)
    if (command === undefined) throw unknownCommand(top.command)
    const parsed = parseCommandArgs(command, top.rest)
    if (parsed.help) {
      out.line(commandHelp(command))
      return 0
    }
    return await command.run({
      values: parsed.values,
      positionals: parsed.positionals,
      out,
      cwd: options.cwd,
      env: options.env,
      signal: options.signal ?? new AbortController().signal,
    })
  } catch (error) {
    if (error instanceof UsageError) {
      out.error(error.message)
      const command = error.command !== undefined ? findCommand(error.command) : undefined
      out.note(command !== undefined ? `run \`linecast ${command.name} --help\` for its options` : 'run `linecast --help` for the commands')
      return 2
    }
    if (error instanceof LinecastError) {
      out.error(`${error.message} [${error.code}]`)
      return 1
    }
    out.error(`unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    return 1
  }
}
