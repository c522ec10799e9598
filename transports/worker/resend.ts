/**
 * Sending dead-lettered lines again (`linecast replay`), once the cause is
 * fixed: each record goes through the same sink as before, with the same
 * batching, retry and timeout. A record leaves its dead-letter file only
 * when the destination took it; a record refused again stays, with the new
 * reason.
 */
import { existsSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { maskLineText } from '../../core/secrets.js'
import type { CompiledCatalog } from '../../schema/compiled.js'
import { expandSettings } from '../../schema/env.js'
import { cutBatch } from './delivery/batch.js'
import type { DeadLetterRecord } from './delivery/dead-letter.js'
import { chainLimits } from './delivery/defaults.js'
import { deliverBatch } from './delivery/deliver.js'
import { ByteQueue, type Entry } from './delivery/queue.js'
import { withTimeout } from './delivery/timeout.js'
import type { LogLine, Sink } from './delivery/types.js'
import { sinkFactory } from './registry.js'

export interface ResendOutcome {
  file: string
  destination: string
  sent: number
  /** refused again (or not sendable), by reason */
  refused: Record<string, number>
  /** did not go in time (destination still failing): kept */
  kept: number
}

interface Held {
  record: DeadLetterRecord
  /** the record's text as it is in the file, kept byte for byte when nothing changed */
  text: string
}

/** The dead-letter files a path names: the file itself, or every `.ndjson` file in a directory. */
export function deadLetterFiles(path: string): string[] {
  if (!existsSync(path)) return []
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path)
    .filter((name) => name.endsWith('.ndjson'))
    .sort()
    .map((name) => join(path, name))
}

function readRecords(file: string): Held[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((text) => text.length > 0)
    .map((text) => ({ record: JSON.parse(text) as DeadLetterRecord, text }))
}

async function openSink(catalog: CompiledCatalog, name: string, env: NodeJS.ProcessEnv): Promise<Sink | string> {
  const spec = catalog.destinations[name]
  if (spec === undefined) return `the catalog has no destination "${name}"`
  const { settings, missing } = expandSettings(spec.settings, env)
  if (missing.length > 0) return `destination "${name}" is off: set ${missing.join(', ')}`
  try {
    return await (await sinkFactory(spec.kind))(name, { settings, catalog, report: () => undefined })
  } catch (error) {
    return `destination "${name}" cannot start: ${error instanceof Error ? error.message : String(error)}`
  }
}

/** Sends the records of one destination; returns which went and the new reason of each that did not. */
async function sendAll(sink: Sink, held: Held[], signal: AbortSignal, giveUpMs: number): Promise<{ went: Set<Held>; refusedAgain: Map<Held, string>; kept: Set<Held> }> {
  const limits = chainLimits(sink.limits)
  const send = withTimeout((batch: unknown[], s: AbortSignal) => sink.send(batch, s), limits.timeoutMs)
  const queue = new ByteQueue(Number.POSITIVE_INFINITY)
  const byEntry = new Map<Entry, Held>()
  const refusedAgain = new Map<Held, string>()
  for (const h of held) {
    if (typeof h.record.line !== 'object' || h.record.line === null) {
      refusedAgain.set(h, 'the line was not JSON when it was dead-lettered; it cannot be sent')
      continue
    }
    const raw = maskLineText(JSON.stringify(h.record.line))
    const line = JSON.parse(raw) as LogLine
    const entry: Entry = { raw, head: line, line, seq: 0, at: Date.now() }
    byEntry.set(entry, h)
    queue.offer(entry)
  }
  const went = new Set<Held>()
  const kept = new Set<Held>()
  const delivery = { sink, send, policy: limits.retry, maxBytes: limits.maxBytes, random: Math.random, now: Date.now }
  while (queue.length > 0) {
    const batch = cutBatch(queue, limits)
    const result = await deliverBatch(batch, delivery, signal, Date.now() + giveUpMs)
    for (const e of result.delivered) went.add(byEntry.get(e) as Held)
    for (const r of result.refused) for (const e of r.entries) refusedAgain.set(byEntry.get(e) as Held, r.reason)
    for (const e of result.left?.entries ?? []) kept.add(byEntry.get(e) as Held)
  }
  return { went, refusedAgain, kept }
}

/** Rewrites a dead-letter file with what is left (atomically); removes it when nothing is. */
function rewrite(file: string, left: string[]): void {
  if (left.length === 0) return unlinkSync(file)
  const tmp = `${file}.tmp`
  writeFileSync(tmp, `${left.join('\n')}\n`)
  renameSync(tmp, file)
}

export async function resendDeadLetters(
  file: string,
  catalog: CompiledCatalog,
  options: { destination?: string; env: NodeJS.ProcessEnv; signal: AbortSignal; giveUpMs?: number },
): Promise<ResendOutcome[]> {
  const held = readRecords(file)
  const groups = new Map<string, Held[]>()
  for (const h of held) {
    if (options.destination !== undefined && h.record.destination !== options.destination) continue
    groups.set(h.record.destination, [...(groups.get(h.record.destination) ?? []), h])
  }
  const outcomes: ResendOutcome[] = []
  const went = new Set<Held>()
  const newReason = new Map<Held, string>()
  for (const [destination, group] of groups) {
    const outcome: ResendOutcome = { file, destination, sent: 0, refused: {}, kept: 0 }
    outcomes.push(outcome)
    const sink = await openSink(catalog, destination, options.env)
    const result =
      typeof sink === 'string'
        ? { went: new Set<Held>(), refusedAgain: new Map(group.map((h) => [h, sink])), kept: new Set<Held>() }
        : await sendAll(sink, group, options.signal, options.giveUpMs ?? 30_000).finally(() => (sink as Sink).close?.())
    for (const h of result.went) went.add(h)
    for (const [h, reason] of result.refusedAgain) {
      newReason.set(h, reason)
      outcome.refused[reason] = (outcome.refused[reason] ?? 0) + 1
    }
    outcome.sent = result.went.size
    outcome.kept = result.kept.size
  }
  const time = new Date().toISOString()
  const left = held
    .filter((h) => !went.has(h))
    .map((h) => {
      const reason = newReason.get(h)
      return reason === undefined || reason === h.record.reason ? h.text : JSON.stringify({ ...h.record, time, reason })
    })
  if (went.size > 0 || newReason.size > 0) rewrite(file, left)
  return outcomes
}
