/**
 * Runs test/e2e/fixtures/app.mjs (the compiled package in a child process)
 * and reads what it leaves behind: its stdout protocol lines, its local log,
 * and the spool and dead-letter files under its directories.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const APP = fileURLToPath(new URL('./fixtures/app.mjs', import.meta.url))
const DIST_INDEX = fileURLToPath(new URL('../../dist/index.js', import.meta.url))

export function assertDistBuilt(): void {
  if (!existsSync(DIST_INDEX)) throw new Error(`${DIST_INDEX} is missing: run \`npm run build\` before the end-to-end tests (npm test does)`)
}

export interface AppRun {
  code: number | null
  signal: NodeJS.Signals | null
  /** the child's own count, printed on exit (undefined when it was killed) */
  emitted: number | undefined
  /** complete stdout lines */
  lines: string[]
  stderr: string
}

export interface AppDirs {
  root: string
  SPOOL_DIR: string
  DL_DIR: string
  LOCAL_LOG: string
}

export function appDirs(): AppDirs {
  const root = mkdtempSync(join(tmpdir(), 'linecast-e2e-app-'))
  return { root, SPOOL_DIR: join(root, 'spool'), DL_DIR: join(root, 'dead-letter'), LOCAL_LOG: join(root, 'app.log') }
}

/**
 * Starts the app; `onLine` sees each complete stdout line and may signal the
 * child. Resolves when it has exited; rejects when it outlives `timeoutMs`.
 */
export function runApp(
  env: Record<string, string>,
  onLine?: (line: string, kill: (signal: NodeJS.Signals) => void) => void,
  timeoutMs = 30_000,
): Promise<AppRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [APP], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    const lines: string[] = []
    let partial = ''
    let stderr = ''
    const kill = (signal: NodeJS.Signals): void => void child.kill(signal)
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the app did not exit within ${timeoutMs} ms (${lines.length} stdout lines)\n${stderr}`))
    }, timeoutMs)
    child.stdout.on('data', (d: Buffer) => {
      partial += d.toString()
      const parts = partial.split('\n')
      partial = parts.pop() ?? ''
      for (const line of parts) {
        lines.push(line)
        onLine?.(line, kill)
      }
    })
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (partial !== '') lines.push(partial)
      const count = lines.map((l) => /^EMITTED (\d+)$/.exec(l)).find((m) => m !== null)
      resolve({ code, signal, emitted: count ? Number(count[1]) : undefined, lines, stderr })
    })
  })
}

/** Lines of an NDJSON file (the app's local log), parsed; a torn last line is skipped. */
export function readLines(path: string): Record<string, unknown>[] {
  if (!existsSync(path)) return []
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>]
      } catch {
        return []
      }
    })
}

/** eventIds of the lines of one event. */
export function idsOf(lines: readonly Record<string, unknown>[], event: string): string[] {
  return lines.filter((l) => l.event === event).map((l) => l.eventId as string)
}

/** The `STATS <json>` line of a replay run. */
export function statsOf(run: AppRun): { destinations: Record<string, Record<string, number>> } {
  const line = run.lines.find((l) => l.startsWith('STATS '))
  if (line === undefined) throw new Error(`the app printed no stats (exit ${run.code}):\n${run.lines.join('\n')}\n${run.stderr}`)
  return JSON.parse(line.slice('STATS '.length)) as { destinations: Record<string, Record<string, number>> }
}
