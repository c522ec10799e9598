/**
 * `createLogger`: a pino logger whose `emit` writes the catalog's events as
 * validated, PII-treated, redacted, context-stamped lines, and whose plain
 * calls are redacted and stamped too.
 *
 *   {"level":"info","time":"2026-…Z","service":"bmn-api","env":"production",
 *    "eventId":"<uuid v4>","event":"logo_generated","kind":"analytics",
 *    …context fields, …properties, "msg":"Logo generated for b_1 with flux-2-pro"}
 */
import pino, { type Bindings, type ChildLoggerOptions, type DestinationStream, type Logger, type LoggerOptions } from 'pino'
import type { ZodType } from 'zod'
import { compileEmitters } from './emit.js'
import { emitFactory, type MakeEmit } from './emit-object.js'
import { LoggerOptionsError } from './errors.js'
import { createHasher, resolvePiiKey } from './pii.js'
import { plainLogHook, type LogMethodHook } from './plain.js'
import { openLoggerOutput, wantsDelivery, type LoggerOutput } from './logger-delivery.js'
import { createPrettyStream, wantsPretty } from './pretty.js'
import { createRedactor, type Redactor } from '../core/redact.js'
import { announceMode, resolveMode } from './mode.js'
import { compileStamp } from './stamp.js'
import { loadActiveTrace, requireOtelApi } from './trace.js'
import type { CreateLoggerOptions, LinecastLogger } from './types.js'
import { checkWritable } from './write.js'
import { resolveLimits } from './limits.js'
import { capLines } from './line-cap.js'

export function createLogger<E extends object>(options: CreateLoggerOptions<E>): LinecastLogger<E> {
  const { catalog } = options
  if (catalog === undefined || catalog === null || typeof catalog.compiled !== 'object') {
    throw new LoggerOptionsError(
      'createLogger needs `catalog`: import { catalog } from your generated/events.js (run `linecast generate` first).',
    )
  }
  const compiled = catalog.compiled
  const mode = resolveMode(options, process.env.NODE_ENV)
  const { env, onInvalid } = mode
  const redactor = createRedactor([...compiled.redact, ...(options.redact ?? [])])
  const stamp = compileStamp(compiled.context)
  const limits = resolveLimits(options)

  const hashingEvents = Object.values(compiled.events)
    .filter((e) => e.pii.hash.length > 0)
    .map((e) => e.name)
  const piiKey = resolvePiiKey({
    explicit: options.piiKey,
    template: compiled.piiKey,
    vars: options.vars ?? process.env,
    hashingEvents,
  })

  const vars = options.vars ?? process.env
  const delivery = wantsDelivery(options.delivery, compiled, options.destination !== undefined, vars)
  const pretty = wantsPretty(options.pretty, env, options.destination)
  // undefined: stdout
  const local = pretty ? createPrettyStream({ destination: options.destination }) : options.destination
  const output = openLoggerOutput(local, compiled, delivery === undefined ? undefined : { environment: env, ...delivery }, vars)
  const logger = buildPino({
    level: options.level ?? 'info',
    base: { service: compiled.service, env, ...(options.base ?? {}) },
    destination: capLines(output.destination, limits.maxLineBytes),
    pretty: false,
    redactor,
    hook: plainLogHook(redactor, stamp, limits.maxMessageValue),
  })
  const fast = checkWritable(logger)
  const emitters = compileEmitters(compiled, catalog.schemas as Readonly<Record<string, ZodType<unknown>>>, {
    redactor,
    hasher: piiKey === undefined ? undefined : createHasher(piiKey),
    stamp,
    throwOnInvalid: onInvalid === 'throw',
    contextFields: compiled.context,
    fast,
    maxMessageValue: limits.maxMessageValue,
    trace: options.trace === false ? undefined : loadActiveTrace(requireOtelApi()),
  })
  announceMode(logger, mode)
  return attachEmit<E>(logger, emitFactory(emitters), redactor, output)
}

interface PinoSetup {
  level: string
  base: Record<string, unknown>
  destination: DestinationStream | undefined
  pretty: boolean
  redactor: Redactor
  hook: LogMethodHook
}

/**
 * The one place the pino instance is built: level label, ISO time, base
 * `service`+`env` (no pid/hostname), the redacting err serializer and the
 * plain-log hook. Transports plug in through `destination`.
 */
export function buildPino(setup: PinoSetup): Logger {
  const opts: LoggerOptions = {
    level: setup.level,
    base: setup.base,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    serializers: { err: setup.redactor.serializeError },
    hooks: { logMethod: setup.hook as NonNullable<NonNullable<LoggerOptions['hooks']>['logMethod']> },
  }
  const stream = setup.pretty ? createPrettyStream({ destination: setup.destination }) : setup.destination
  return stream === undefined ? pino(opts) : pino(opts, stream)
}

/**
 * Gives the root logger its `emit`, and makes every child (at any depth) get
 * its own, bound to the child so its bindings are on the line. Child bindings
 * are redacted like any other field.
 */
function attachEmit<E extends object>(
  root: Logger,
  makeEmit: MakeEmit,
  redactor: Redactor,
  output: LoggerOutput,
): LinecastLogger<E> {
  const pinoChild = root.child as unknown as (this: Logger, bindings: Bindings, options?: ChildLoggerOptions) => Logger
  const target = root as unknown as Record<string, unknown>
  target.emit = makeEmit(root)
  const lifecycle = lifecycleOf(output)
  Object.assign(target, lifecycle)
  target.child = function child(this: Logger, bindings: Bindings, childOptions?: ChildLoggerOptions): Logger {
    // `err` is left to the err serializer (which redacts it), so its type survives
    const c = pinoChild.call(this, redactor.redactFields(bindings) as Bindings, childOptions)
    ;(c as unknown as Record<string, unknown>).emit = makeEmit(c)
    Object.assign(c, lifecycle)
    return c
  }
  return root as unknown as LinecastLogger<E>
}

/** `flush`, `close` and `deliveryStats`, shared by a logger and its children. */
function lifecycleOf(output: LoggerOutput): Pick<LinecastLogger<object>, 'flush' | 'close' | 'deliveryStats'> {
  return {
    flush(cb?: (err?: Error) => void): Promise<void> {
      const done = output.flush()
      if (cb !== undefined) done.then(() => cb(), (err: unknown) => cb(err instanceof Error ? err : new Error(String(err))))
      return done
    },
    close: () => output.close(),
    deliveryStats: () => output.stats(),
  }
}

/** The same logger, typed as a plain pino `Logger` (for pino-http and other pino consumers). */
export function asPinoLogger<E extends object>(log: LinecastLogger<E>): Logger {
  return log as unknown as Logger
}
