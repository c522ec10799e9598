/**
 * Driving one sink the way the delivery layer does, without the worker: each
 * line encoded (with its raw text), batches cut at the sink's own `maxItems`
 * and `maxBytes`, up to `maxInFlight` sends under way. Returns lines/s.
 * Any outcome but ok fails the run: a bench of lost lines measures nothing.
 */
import type { LogLine, Sink } from '../transports/worker/delivery/types.js'

export interface BenchLines {
  lines: LogLine[]
  raws: string[]
}

export function parsedLines(serialized: readonly string[]): BenchLines {
  const raws = serialized.map((s) => s.trimEnd())
  return { raws, lines: raws.map((r) => JSON.parse(r) as LogLine) }
}

export const since = (start: bigint): number => Number(process.hrtime.bigint() - start) / 1e9

/** Cuts the next batch starting at `from`: up to maxItems items, and maxBytes by itemBytes (default: raw length). */
function nextBatch<Item>(sink: Sink<Item>, input: BenchLines, from: number): { items: Item[]; next: number } {
  const maxItems = sink.limits?.maxItems ?? 1000
  const maxBytes = sink.limits?.maxBytes ?? Number.POSITIVE_INFINITY
  const items: Item[] = []
  let bytes = 0
  let i = from
  for (; i < input.lines.length && items.length < maxItems; i++) {
    const raw = input.raws[i] as string
    const item = sink.encode(input.lines[i] as LogLine, raw)
    const size = sink.itemBytes ? sink.itemBytes(item) : Buffer.byteLength(raw)
    if (items.length > 0 && bytes + size > maxBytes) break
    items.push(item)
    bytes += size
  }
  return { items, next: i }
}

export async function driveSink<Item>(sink: Sink<Item>, input: BenchLines, inFlight = sink.limits?.maxInFlight ?? 1): Promise<number> {
  let cursor = 0
  const signal = new AbortController().signal
  const start = process.hrtime.bigint()
  const worker = async (): Promise<void> => {
    while (cursor < input.lines.length) {
      const { items, next } = nextBatch(sink, input, cursor)
      cursor = next
      const outcome = await sink.send(items, signal)
      if (outcome.type !== 'ok') throw new Error(`${sink.name}: ${JSON.stringify(outcome)}`)
    }
  }
  await Promise.all(Array.from({ length: inFlight }, worker))
  return input.lines.length / since(start)
}

export interface Paired {
  /** median lines/s of linecast and of the hand-written code */
  linecast: number
  handWritten: number
  /** median of the per-round ratios linecast / hand-written */
  ratio: number
}

function middle(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/**
 * Both measured in each round, one right after the other, after one warm-up round: on a shared
 * machine the load drifts between rounds, and a ratio taken within one round cancels most of it.
 */
export async function paired(rounds: number, linecast: () => Promise<number>, handWritten: () => Promise<number>): Promise<Paired> {
  await handWritten()
  await linecast()
  const ours: number[] = []
  const theirs: number[] = []
  for (let r = 0; r < rounds; r++) {
    theirs.push(await handWritten())
    ours.push(await linecast())
  }
  return { linecast: middle(ours), handWritten: middle(theirs), ratio: middle(ours.map((v, i) => v / (theirs[i] as number))) }
}
