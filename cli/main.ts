#!/usr/bin/env node
/** The `linecast` binary. */
import { runCli } from './run.js'

const controller = new AbortController()
/** The first signal asks the command to stop; a second one exits at once. */
const stop = (signal: NodeJS.Signals): void => {
  if (controller.signal.aborted) process.exit(signal === 'SIGINT' ? 130 : 143)
  controller.abort()
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)

const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  env: process.env,
  signal: controller.signal,
})
process.off('SIGINT', stop)
process.off('SIGTERM', stop)
process.exitCode = code
