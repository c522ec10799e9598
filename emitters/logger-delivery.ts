/**
 * How `createLogger` reaches the catalog's destinations: decides whether the
 * transport worker runs, and tees each line to the local output (stdout,
 * pretty in development, or the caller's stream) and to the worker.
 */
import pino, { type DestinationStream } from 'pino'
import type { CompiledCatalog } from '../schema/compiled.js'
import { missingVariables } from '../schema/env.js'
import type { DeliveryStats } from '../transports/main/open-transport.js'
import { openDelivery, type Delivery, type DeliveryOptions } from './delivery.js'

export type LoggerDeliveryOptions = Omit<DeliveryOptions, 'catalog' | 'stdout' | 'env'>

/** Settings of a destination that may be left empty (an empty value picks a default back end). */
function settingsComplete(settings: Record<string, unknown>, vars: Readonly<Record<string, string | undefined>>): boolean {
  const walk = (value: unknown): boolean => {
    if (typeof value === 'string') return missingVariables(value, vars as NodeJS.ProcessEnv).length === 0
    if (Array.isArray(value)) return value.every(walk)
    if (typeof value === 'object' && value !== null) return Object.values(value).every(walk)
    return true
  }
  return walk(settings)
}

/**
 * Delivery is on when asked for, or by default when the caller gave no
 * destination of its own and at least one destination's settings are all set.
 */
export function wantsDelivery(
  option: boolean | LoggerDeliveryOptions | undefined,
  compiled: CompiledCatalog,
  callerDestination: boolean,
  vars: Readonly<Record<string, string | undefined>>,
): LoggerDeliveryOptions | undefined {
  if (option === false) return undefined
  if (typeof option === 'object') return option
  if (option === true) return {}
  if (callerDestination) return undefined
  const anyOn = Object.values(compiled.destinations).some((d) => settingsComplete(d.settings, vars))
  return anyOn ? {} : undefined
}

export interface LoggerOutput {
  /** what pino writes to */
  destination: DestinationStream
  /** resolves once every line written before it is out locally and delivered (at the budget: spooled, and reported) */
  flush(): Promise<void>
  close(): Promise<void>
  stats(): Promise<DeliveryStats | undefined>
}

/**
 * Writes every line to `local` (stdout when undefined) and, when delivery is
 * on, to the transport worker. With delivery on, stdout is written by the
 * worker, a block at a time: the application's thread makes one write per
 * line only to a stream of the caller's.
 */
export function openLoggerOutput(
  given: DestinationStream | undefined,
  compiled: CompiledCatalog,
  delivery: LoggerDeliveryOptions | undefined,
  vars: Readonly<Record<string, string | undefined>>,
): LoggerOutput {
  if (delivery === undefined) {
    const local = given ?? stdoutStream()
    return { destination: local, flush: async () => flushSync(local), close: async () => flushSync(local), stats: async () => undefined }
  }
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(vars)) if (v !== undefined) env[k] = v
  const opened: Delivery = openDelivery({ ...delivery, catalog: compiled, env, stdout: given === undefined })
  const worker = opened.destination
  const destination: DestinationStream =
    given === undefined
      ? worker
      : {
          write(chunk: string): void {
            given.write(chunk)
            worker.write(chunk)
          },
        }
  return {
    destination,
    flush: async () => {
      if (given !== undefined) flushSync(given)
      await opened.flush()
    },
    close: async () => {
      if (given !== undefined) flushSync(given)
      await opened.close()
    },
    stats: () => opened.stats(),
  }
}

/** Writes out what a stream of the caller's still holds (sonic-boom's flushSync), when it can. */
function flushSync(local: DestinationStream): void {
  const f = (local as { flushSync?: () => void }).flushSync
  if (typeof f !== 'function') return
  try {
    f.call(local)
  } catch {
    // sonic-boom refuses flushSync while it is still opening; the write is already queued
  }
}

/** stdout as pino writes it by default. */
export function stdoutStream(): DestinationStream {
  return pino.destination(1)
}
