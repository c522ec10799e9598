/**
 * A destination's sink as the relay runs it: each item keeps the eventId of
 * its line, so that around every send the relay can name the stream entries
 * it holds — marked `sent` before the send goes out and `done` the moment the
 * destination answers that it took them (transports/stream/progress.ts).
 * Everything else (limits, encoding, sizes, the answer) is the sink's own.
 */
import type { LogLine, Outcome, Sink } from '../worker/delivery/types.js'

export interface ProgressHooks {
  /** the stream entries holding the line with this eventId (none for the relay's own lines) */
  entriesOf(eventId: string): readonly string[] | undefined
  sending(destination: string, ids: readonly string[]): Promise<void>
  delivered(destination: string, ids: readonly string[]): void
}

interface Tracked {
  item: unknown
  eventId: string
}

export function recordingProgress(name: string, sink: Sink, hooks: ProgressHooks): Sink<Tracked> {
  const entries = (batch: readonly Tracked[]): string[] => {
    const ids = new Set<string>()
    for (const { eventId } of batch) for (const id of hooks.entriesOf(eventId) ?? []) ids.add(id)
    return [...ids]
  }
  const measure = sink.itemBytes
  return {
    name: sink.name,
    ...(sink.limits === undefined ? {} : { limits: sink.limits }),
    encode: (line: LogLine, raw?: string): Tracked => ({ item: sink.encode(line, raw), eventId: line.eventId }),
    ...(measure === undefined ? {} : { itemBytes: (tracked: Tracked): number => measure.call(sink, tracked.item) }),
    async send(batch, signal): Promise<Outcome> {
      const ids = entries(batch)
      if (ids.length > 0) await hooks.sending(name, ids)
      const outcome = await sink.send(
        batch.map((t) => t.item),
        signal,
      )
      if (outcome.type === 'ok' && ids.length > 0) hooks.delivered(name, ids)
      return outcome
    },
    ...(sink.close === undefined ? {} : { close: () => (sink.close as () => Promise<void>).call(sink) }),
  }
}
