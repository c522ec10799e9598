/**
 * Every `linecast` command, in the order `linecast --help` lists them.
 * A new command is a file in `cli/commands/` and one line here.
 */
import type { Command } from './command.js'
import { checkCommand } from './commands/check.js'
import { coverageCommand } from './commands/coverage.js'
import { diffCommand } from './commands/diff.js'
import { docsCommand } from './commands/docs.js'
import { generateCommand } from './commands/generate.js'
import { initCommand } from './commands/init.js'
import { migrateCommand } from './commands/migrate.js'
import { tailCommand } from './commands/tail.js'
import { pruneCommand } from './commands/prune.js'
import { reportCommand } from './commands/report.js'
import { demoCommand } from './commands/demo.js'
import { verifyCommand } from './commands/verify.js'
import { replayCommand } from './commands/replay.js'
import { shipCommand } from './commands/ship.js'
import { relayCommand } from './commands/relay.js'

export const commands: readonly Command[] = [
  generateCommand,
  checkCommand,
  diffCommand,
  docsCommand,
  migrateCommand,
  tailCommand,
  verifyCommand,
  coverageCommand,
  initCommand,
  pruneCommand,
  replayCommand,
  reportCommand,
  demoCommand,
  shipCommand,
  relayCommand,
]

export function findCommand(name: string): Command | undefined {
  return commands.find((c) => c.name === name)
}
