import type { Bindings, ChildLoggerOptions, DestinationStream, Level, LevelWithSilentOrString, Logger } from 'pino'
import type { CamelCase, Catalog } from '../schema/define.js'
import type { DeliveryStats } from '../transports/main/open-transport.js'
import type { LoggerDeliveryOptions } from './logger-delivery.js'

/**
 * Per-call options of an emit: `level` writes this line at another level than
 * the event's (lines below the logger's level are not written); `err` is
 * written as the line's `err` field through the logger's err serializer
 * (type, message, stack; redacted).
 */
export interface EmitOptions {
  level?: Level
  err?: unknown
}

/** One typed helper per event: `log.emit.logoGenerated({...})`, `log.emit.logoGenerated({...}, { level: 'warn' })`. */
export type EmitHelpers<E extends object> = {
  readonly [K in keyof E & string as CamelCase<K>]: (props: E[K], options?: EmitOptions) => void
}

/** `log.emit('logo_generated', {...})` and `log.emit.logoGenerated({...})`, each with optional EmitOptions. */
export type Emit<E extends object> = EmitHelpers<E> &
  (<K extends keyof E & string>(name: K, props: E[K], options?: EmitOptions) => void)

/**
 * A pino logger that also emits the catalog's events; its children do too.
 * `emit` replaces EventEmitter's `emit` at the type level (pino's own
 * `level-change` and listener events still reach EventEmitter at run time);
 * `asPinoLogger(log)` gives the same object typed as a pino `Logger`.
 */
export interface LinecastLogger<E extends object> extends Omit<Logger, 'child' | 'emit' | 'flush'> {
  readonly emit: Emit<E>
  /**
   * Resolves once every line written before the call is written locally and,
   * when delivery is on, delivered to its destinations or spooled to disk.
   */
  flush(cb?: (err?: Error) => void): Promise<void>
  /** flush within the delivery budget, spool the rest, stop the transport worker */
  close(): Promise<void>
  /** counters per destination (delivered, retried, spooled, deadLettered, dropped); undefined without delivery */
  deliveryStats(): Promise<DeliveryStats | undefined>
  child<ChildCustomLevels extends string = never>(
    bindings: Bindings,
    options?: ChildLoggerOptions<ChildCustomLevels>,
  ): LinecastLogger<E>
}

export type OnInvalid = 'throw' | 'log'

export interface CreateLoggerOptions<E extends object> {
  /** the generated catalog (`generated/events.ts`) */
  catalog: Catalog<E>
  /** where lines go; default stdout (pretty in a development terminal) */
  destination?: DestinationStream
  /** lowest level written; default 'info' */
  level?: LevelWithSilentOrString
  /** environment name written on every line; default NODE_ENV, else 'production' (an unset NODE_ENV is production) */
  env?: string
  /**
   * human-readable output through pino-pretty; default: on in development when
   * writing to a terminal stdout. Always off in production (raw JSON).
   */
  pretty?: boolean
  /** HMAC key for `pii: hash`; default: the catalog's `piiKey` template (`${PII_HASH_KEY}`) expanded */
  piiKey?: string
  /** keys redacted at any depth, on top of the built-in list and the catalog's */
  redact?: readonly string[]
  /**
   * invalid event: throw EventValidationError, or write a `linecast.invalid_event` line;
   * default 'throw' when `env` is development or test, 'log' otherwise (production, staging, unset NODE_ENV)
   */
  onInvalid?: OnInvalid
  /** extra fields bound on every line, after `service` and `env` */
  base?: Record<string, unknown>
  /**
   * delivery to the catalog's destinations through the transport worker
   * (batching, retry, spool, dead letter). Default: on when no `destination`
   * is given and at least one destination has all its settings; `false` turns
   * it off; an object turns it on with those options (spoolDir, budgetMs, …).
   */
  delivery?: boolean | LoggerDeliveryOptions
  /** where `${VAR}` templates are read; default process.env */
  vars?: Readonly<Record<string, string | undefined>>
  /** characters of one value a message template or printf argument interpolates; longer ones end with `…[+N chars]`. Default 256 */
  maxMessageValueLength?: number
  /** UTF-8 bytes of one line; a longer line has its largest strings cut (README, "Line size"). Default 262144, at least 4096 */
  maxLineBytes?: number
  /**
   * stamp `traceId` and `spanId` of the active OpenTelemetry span on each emitted
   * line; default: on when `@opentelemetry/api` is installed; `false` turns it off
   */
  trace?: boolean
}
