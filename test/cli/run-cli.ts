/**
 * Running `linecast` from tests: the built binary (`dist/cli/main.js`) in a
 * child process, or in process through `runCli` or one command; each way
 * collects what it printed.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { PassThrough } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { parseCommandArgs } from '../../cli/args.js'
import type { Command, OptionSpec } from '../../cli/command.js'
import { createOutput } from '../../cli/output.js'
import { runCli } from '../../cli/run.js'

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
export const binary = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url))

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

export function assertBuilt(): void {
  if (!existsSync(binary)) throw new Error(`${binary} is missing: run \`npm run build\` first (npm test does it)`)
}

export function runBinary(args: readonly string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [binary, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

/** Two streams to hand a command, and what has been written to them so far. */
export function captureStreams(): { stdout: PassThrough; stderr: PassThrough; out: () => string; err: () => string } {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  let out = ''
  let err = ''
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  return { stdout, stderr, out: () => out, err: () => err }
}

export interface InProcessResult {
  code: number
  stdout: string
  stderr: string
}

/** `linecast <argv>` in process (`runCli`) in `cwd`, with an empty environment. */
export async function runInProcess(cwd: string, argv: readonly string[]): Promise<InProcessResult> {
  const streams = captureStreams()
  const code = await runCli(argv, { stdout: streams.stdout, stderr: streams.stderr, cwd, env: {} })
  return { code, stdout: streams.out(), stderr: streams.err() }
}

export interface StartedCommand {
  code: Promise<number>
  stdout: () => string
  stderr: () => string
}

/** Starts one command with `argv` parsed as the CLI would (a usage error throws here); the environment defaults to empty. */
export function startCommand<O extends Record<string, OptionSpec>>(
  command: Command<O>,
  argv: readonly string[],
  context: { cwd: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal },
): StartedCommand {
  const streams = captureStreams()
  const parsed = parseCommandArgs(command, argv)
  const code = command.run({
    values: parsed.values,
    positionals: parsed.positionals,
    out: createOutput({ stdout: streams.stdout, stderr: streams.stderr, env: {} }),
    cwd: context.cwd,
    env: context.env ?? {},
    signal: context.signal ?? new AbortController().signal,
  })
  return { code, stdout: streams.out, stderr: streams.err }
}

/** Runs one command to its end and returns its exit code and output. */
export async function runCommand<O extends Record<string, OptionSpec>>(
  command: Command<O>,
  argv: readonly string[],
  cwd: string,
): Promise<InProcessResult> {
  const started = startCommand(command, argv, { cwd })
  const code = await started.code
  return { code, stdout: started.stdout(), stderr: started.stderr() }
}
