/**
 * The main-thread cost of an emit with delivery on (healthy Betterstack)
 * against plain pino's info, both writing to the process's stdout as a
 * service does. Measured in a child process whose stdout is /dev/null, so
 * that both write to the same place: `emitVersusPino` forks this file, which
 * answers over IPC.
 */
import { fork } from 'node:child_process'
import { mkdtempSync, openSync, closeSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pino from 'pino'
import { createLogger } from '../emitters/index.js'
import type { BenchReceiver } from './receiver.js'
import { vendorVars } from './end-to-end.js'
import { catalog, logoProps } from './transport-catalog.js'

export interface EmitCost {
  /** wall ns per call */
  linecast: number
  pino: number
  /** CPU ns per call of this thread alone (undefined where the system does not say) */
  linecastCpu: number | undefined
  pinoCpu: number | undefined
}

/** CPU ns this thread (the main thread: its task id is the pid) has run, from Linux's schedstat; undefined elsewhere */
function threadCpuNs(): number | undefined {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0])
  } catch {
    return undefined
  }
}

/**
 * ns per call in the child's main thread: linecast's emit with delivery to a
 * healthy Betterstack, and plain pino's info, both to stdout. Wall time
 * includes the worker's and zlib's threads taking the cores from this one;
 * the thread's own CPU time is what the application's thread spends.
 */
export function emitVersusPino(calls: number, receiver: BenchReceiver, work: string): Promise<EmitCost> {
  const devNull = openSync('/dev/null', 'w')
  const child = fork(fileURLToPath(import.meta.url), [String(calls), receiver.url, work], { stdio: ['ignore', devNull, 'inherit', 'ipc'] })
  closeSync(devNull)
  return new Promise((resolve, reject) => {
    child.once('message', (cost) => resolve(cost as EmitCost))
    child.once('exit', (code) => reject(new Error(`the emit-cost child exited (${code}) without an answer`)))
  })
}

async function measure(calls: number, url: string, work: string): Promise<EmitCost> {
  const dir = mkdtempSync(join(work, 'emit-'))
  const log = createLogger({
    catalog,
    env: 'production',
    vars: vendorVars('betterstack', { url }),
    delivery: { destinations: ['betterstack'], spoolDir: join(dir, 'spool'), deadLetterDir: join(dir, 'dead'), handleSignals: false, alerts: false, diagnostics: 'none', statsIntervalMs: 0 },
  })
  const plain = pino({ base: { service: 'bench-api', env: 'production' } }, pino.destination({ dest: 1, sync: true }))
  const line = { event: 'logo_generated', kind: 'analytics', ...logoProps }
  const second = (xs: number[]): number => xs.sort((a, b) => a - b)[1] as number
  const time = async (emit: () => void): Promise<{ wall: number; cpu: number | undefined }> => {
    const walls: number[] = []
    const cpus: number[] = []
    for (let r = 0; r < 4; r++) {
      const cpuStart = threadCpuNs()
      const start = process.hrtime.bigint()
      for (let i = 0; i < calls; i++) emit()
      const wall = Number(process.hrtime.bigint() - start) / calls
      const cpuEnd = threadCpuNs()
      if (r > 0) {
        walls.push(wall)
        if (cpuStart !== undefined && cpuEnd !== undefined) cpus.push((cpuEnd - cpuStart) / calls)
      }
      await new Promise((resolve) => setImmediate(resolve))
    }
    return { wall: second(walls), cpu: cpus.length === 3 ? second(cpus) : undefined }
  }
  try {
    const before = await time(() => plain.info(line, 'Logo generated for brand-1 with flux-2-pro'))
    const ours = await time(() => log.emit.logoGenerated(logoProps))
    const after = await time(() => plain.info(line, 'Logo generated for brand-1 with flux-2-pro'))
    const cpu = before.cpu !== undefined && after.cpu !== undefined ? (before.cpu + after.cpu) / 2 : undefined
    return { linecast: ours.wall, pino: (before.wall + after.wall) / 2, linecastCpu: ours.cpu, pinoCpu: cpu }
  } finally {
    await log.close()
  }
}

if (process.send !== undefined && process.argv[1] === fileURLToPath(import.meta.url)) {
  const [calls, url, work] = process.argv.slice(2)
  const cost = await measure(Number(calls), url as string, work as string)
  process.send(cost, () => process.exit(0))
}
