/**
 * One batch through encode -> retry(timeout(send)): each line ends
 * delivered, refused (dead-lettered by the caller) or handed back
 * undelivered, with how long the destination asked to rest. Items are encoded
 * from the parsed line and its raw text; a sink that measures its items
 * (`itemBytes`) gets sends no larger than its `maxBytes`.
 */
import { lineOf, type Entry } from './queue.js'
import { deliverWithRetry, type RetryPolicy, type Undelivered } from './retry.js'
import { sleep } from './sleep.js'
import type { SendFn, Sink } from './types.js'

export interface BatchResult {
  delivered: Entry[]
  refused: { entries: Entry[]; reason: string; loud: boolean }[]
  /** what did not go, why, and the rest the destination asked for */
  left?: { entries: Entry[]; reason: string; restMs: number; quota: boolean }
  retries: number
}

export interface BatchDelivery {
  sink: Sink
  /** the sink's send wrapped with its timeout */
  send: SendFn<unknown>
  policy: RetryPolicy
  maxBytes: number
  random: () => number
  now: () => number
}

/** Groups of item indexes whose summed `itemBytes` stay within maxBytes (at least one item each). */
function byBytes(items: unknown[], sink: Sink, maxBytes: number): number[][] {
  const measure = sink.itemBytes
  if (measure === undefined) return [items.map((_, i) => i)]
  const groups: number[][] = []
  let group: number[] = []
  let bytes = 0
  items.forEach((item, i) => {
    const size = measure.call(sink, item)
    if (group.length > 0 && bytes + size > maxBytes) {
      groups.push(group)
      group = []
      bytes = 0
    }
    group.push(i)
    bytes += size
  })
  if (group.length > 0) groups.push(group)
  return groups
}

export async function deliverBatch(batch: Entry[], d: BatchDelivery, signal: AbortSignal, giveUpAt: number): Promise<BatchResult> {
  const result: BatchResult = { delivered: [], refused: [], retries: 0 }
  const items: unknown[] = []
  const entries: Entry[] = []
  for (const entry of batch) {
    try {
      items.push(d.sink.encodeText !== undefined ? d.sink.encodeText(entry.head, entry.raw) : d.sink.encode(lineOf(entry), entry.raw))
      entries.push(entry)
    } catch (error) {
      result.refused.push({ entries: [entry], reason: `encode failed: ${error instanceof Error ? error.message : String(error)}`, loud: false })
    }
  }
  const hooks = {
    send: d.send,
    policy: d.policy,
    random: d.random,
    now: d.now,
    sleep,
    onDelivered: (done: number[]) => {
      for (const i of done) result.delivered.push(entries[i] as Entry)
    },
    onRejected: (refused: number[], reason: string, loud: boolean) => {
      result.refused.push({ entries: refused.map((i) => entries[i] as Entry), reason, loud })
    },
    onRetry: () => void result.retries++,
  }
  const groups = byBytes(items, d.sink, d.maxBytes)
  for (let g = 0; g < groups.length; g++) {
    const indexes = groups[g] as number[]
    const end: Undelivered | undefined = await deliverWithRetry(
      indexes.map((i) => items[i]),
      indexes,
      hooks,
      signal,
      giveUpAt,
    )
    if (end !== undefined) {
      const rest = groups.slice(g + 1).flat()
      result.left = { entries: [...end.indexes, ...rest].map((i) => entries[i] as Entry), reason: end.reason, restMs: end.restMs, quota: end.quota }
      break
    }
  }
  return result
}
