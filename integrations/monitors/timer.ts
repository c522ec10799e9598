/**
 * `startTimer(name)`: laps and a total for a multi-step operation, e.g.
 *
 *   const t = startTimer('logo pipeline')
 *   await prompt();   t.lap('prompt')     // ms since start
 *   await render();   t.lap('render')     // ms since the prompt lap
 *   const { totalMs, laps } = t.end()
 *
 * Pure measurement: it writes nothing; pass the numbers to an event.
 */
import { performance } from 'node:perf_hooks'

export interface Lap {
  label: string
  ms: number
}

export interface TimerResult {
  name: string
  totalMs: number
  laps: Lap[]
}

export interface Timer {
  readonly name: string
  /** milliseconds since the previous lap (or the start), recorded under `label`; 0 once ended */
  lap(label: string): number
  /** milliseconds since the start, without recording a lap */
  elapsed(): number
  /** stops the timer; later calls return the same result */
  end(): TimerResult
}

export interface TimerOptions {
  /** monotonic clock in milliseconds; default performance.now */
  now?: () => number
}

export function startTimer(name: string, options: TimerOptions = {}): Timer {
  const now = options.now ?? (() => performance.now())
  const start = now()
  let previous = start
  const laps: Lap[] = []
  let result: TimerResult | undefined
  return {
    name,
    lap(label) {
      if (result !== undefined) return 0
      const at = now()
      const ms = at - previous
      previous = at
      laps.push({ label, ms })
      return ms
    },
    elapsed: () => (result === undefined ? now() - start : result.totalMs),
    end() {
      result ??= { name, totalMs: now() - start, laps: [...laps] }
      return { ...result, laps: [...result.laps] }
    },
  }
}
