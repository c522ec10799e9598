/**
 * Delivery counters per destination. The worker writes them periodically as
 * a `linecast.delivery_stats` line and answers `stats()` from the main thread.
 */
import { randomUUID } from 'node:crypto'
import type { LogLine } from './types.js'

export interface DestinationStats {
  /** lines the destination accepted */
  delivered: number
  /** send attempts that failed transiently and were retried */
  retried: number
  /** lines written to the disk spool (overflow, the delivery window, flush deadline, shutdown) */
  spooled: number
  /** spooled lines read back for delivery */
  replayed: number
  /** lines refused for good, written to the dead-letter file */
  deadLettered: number
  /** lines lost, each reported: spool full (whenFull), or neither the spool nor the dead-letter file could be written */
  dropped: number
  /** torn or unreadable spool lines skipped on replay */
  torn: number
  /** account-level refusals (402/403, bad token), reported once */
  loudRejects: number
  /** lines cut to the destination's line limit (largest string fields cut with a marker) */
  truncated: number
  /** lines in memory right now */
  queued: number
  /** lines on disk right now (spooled and not yet delivered) */
  inSpool: number
}

export interface DeliveryStats {
  time: string
  destinations: Record<string, DestinationStats>
  /** lines that were not JSON; dead-lettered to `_malformed` */
  malformed: number
  /** destinations that are off, with the reason */
  off: Record<string, string>
  /** lines the application's thread spooled because the worker fell behind (routed when the worker ingests them) */
  overflow?: number
  /** lines the application's thread could not even spool (reported) */
  overflowDropped?: number
  /** V8 heap in use by the worker thread, bytes */
  workerHeapBytes?: number
}

export function emptyStats(): DestinationStats {
  return { delivered: 0, retried: 0, spooled: 0, replayed: 0, deadLettered: 0, dropped: 0, torn: 0, loudRejects: 0, truncated: 0, queued: 0, inSpool: 0 }
}

export class DeliveryCounters {
  readonly destinations = new Map<string, DestinationStats>()
  readonly off: Record<string, string> = {}
  malformed = 0

  for(destination: string): DestinationStats {
    let stats = this.destinations.get(destination)
    if (stats === undefined) {
      stats = emptyStats()
      this.destinations.set(destination, stats)
    }
    return stats
  }

  snapshot(now: Date = new Date()): DeliveryStats {
    const destinations: Record<string, DestinationStats> = {}
    for (const [name, stats] of this.destinations) destinations[name] = { ...stats }
    return { time: now.toISOString(), destinations, malformed: this.malformed, off: { ...this.off } }
  }
}

/** Adds `more` into `into` (main-thread overflow counts on top of the worker's). */
export function mergeStats(into: DeliveryStats, more: Record<string, Partial<DestinationStats>>): DeliveryStats {
  for (const [name, extra] of Object.entries(more)) {
    const target = into.destinations[name] ?? emptyStats()
    for (const key of Object.keys(extra) as (keyof DestinationStats)[]) target[key] += extra[key] ?? 0
    into.destinations[name] = target
  }
  return into
}

/** The `linecast.delivery_stats` line. */
export function statsLine(stats: DeliveryStats, service: string | undefined): LogLine {
  return {
    level: 'info',
    time: stats.time,
    eventId: randomUUID(),
    ...(service === undefined ? {} : { service }),
    event: 'linecast.delivery_stats',
    kind: 'metric',
    msg: 'delivery stats',
    destinations: stats.destinations,
    malformed: stats.malformed,
  }
}
