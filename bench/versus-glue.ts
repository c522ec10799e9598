/**
 * The ratios the delivery engine is held to, each the median of `rounds`
 * runs measured in this process, linecast and its reference alternating:
 * end to end against the hand-written glue (target >= 1.0x), the worker
 * alone against the split2 + JSON.parse floor (>= 0.5x), and the
 * main-thread cost of an emit with delivery on against plain pino (<= 1.3x).
 */
import { emitVersusPino, type EmitCost } from './emit-cost.js'
import { glueEndToEnd, linecastEndToEnd, workerAlone, type Vendor } from './end-to-end.js'
import { startBenchReceiver } from './receiver.js'
import { benchLines } from './transport-catalog.js'

export interface VersusOptions {
  lines: number
  rounds: number
  calls: number
  work: string
  out: (text: string) => void
  /** split2 + JSON.parse of the lines in this process: lines/s, the best of `passes` */
  floor: (lines: readonly string[], passes?: number) => Promise<number>
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}
/** the worker alone and the floor are short runs: more rounds of them */
const ALONE_ROUNDS = 7
const k = (n: number): string => `${(n / 1000).toFixed(1)}k`

export async function versusGlue(o: VersusOptions): Promise<void> {
  const receiver = await startBenchReceiver(0, true)
  try {
    o.out(`end to end, emit -> receiver count, ${o.lines} lines, median of ${o.rounds} (target >= 1.0x)`)
    for (const vendor of ['betterstack', 'posthog', 'mixpanel'] as Vendor[]) {
      const ours: number[] = []
      const glue: number[] = []
      for (let r = 0; r < o.rounds; r++) {
        ours.push(await linecastEndToEnd(vendor, o.lines, receiver, o.work))
        glue.push(await glueEndToEnd(vendor, o.lines, receiver))
      }
      const [a, b] = [median(ours), median(glue)]
      o.out(`  ${vendor.padEnd(12)} linecast ${k(a).padStart(7)} lines/s   hand-written ${k(b).padStart(7)} lines/s   ratio ${(a / b).toFixed(2)}x`)
    }
    const worker: number[] = []
    const floors: number[] = []
    // a receiver that does not decode bodies: the worker runs in this thread and shares it with the receiver
    const plain = await startBenchReceiver()
    // one round of each first, not counted: the runtime's code runs in this thread for the first time here (end to end it ran in the worker's)
    await workerAlone(o.lines, plain, o.work)
    await o.floor(benchLines('logo_generated', o.lines), 1)
    // one pass of each per round, alternating, so that neither side gets a best of several
    for (let r = 0; r < ALONE_ROUNDS; r++) {
      worker.push(await workerAlone(o.lines, plain, o.work))
      floors.push(await o.floor(benchLines('logo_generated', o.lines), 1))
    }
    await plain.close()
    const [w, f] = [median(worker), median(floors)]
    o.out(`worker pipeline alone (Betterstack), median of ${ALONE_ROUNDS}: ${k(w)} lines/s vs split2 + JSON.parse floor ${k(f)} lines/s: ratio ${(w / f).toFixed(2)}x (target >= 0.5x)`)
    const emits: EmitCost[] = []
    for (let r = 0; r < o.rounds; r++) emits.push(await emitVersusPino(o.calls, receiver, o.work))
    const [e, p] = [median(emits.map((x) => x.linecast)), median(emits.map((x) => x.pino))]
    o.out(`main-thread emit to stdout, delivery on (healthy), wall: ${e.toFixed(0)} ns vs plain pino ${p.toFixed(0)} ns: ratio ${(e / p).toFixed(2)}x (target <= 1.3x)`)
    const cpus = emits.filter((x) => x.linecastCpu !== undefined && x.pinoCpu !== undefined)
    if (cpus.length === emits.length) {
      const [ec, pc] = [median(cpus.map((x) => x.linecastCpu as number)), median(cpus.map((x) => x.pinoCpu as number))]
      o.out(`main-thread emit to stdout, delivery on (healthy), the thread's own CPU: ${ec.toFixed(0)} ns vs plain pino ${pc.toFixed(0)} ns: ratio ${(ec / pc).toFixed(2)}x (target <= 1.3x)`)
    }
  } finally {
    await receiver.close()
  }
}
