/**
 * The `log.emit` object of one logger: callable by name, with one helper per
 * event. Helpers live on a prototype shared by every logger of a
 * `createLogger` call and are bound to a logger the first time they are read,
 * so a child logger costs one small function, not one closure per event.
 * A bound helper can be passed around (`const { logoGenerated } = log.emit`).
 *
 * pino loggers are EventEmitters and pino itself calls `this.emit('level-change', …)`:
 * such calls (EventEmitter's own event names, a catalog event name with more
 * than three arguments, any other name with more than two) go on to
 * EventEmitter's `emit`; every other call is a catalog event, whose optional
 * third argument is its per-call options (emit.ts, EmitCallOptions).
 */
import { EventEmitter } from 'node:events'
import type { CompiledEmitters, EmitCallOptions } from './emit.js'
import type { Writable } from './write.js'

const LOGGER = Symbol('linecast.emit.logger')

type EmitFunction = ((name: string, props: unknown, options?: EmitCallOptions) => void) & { [LOGGER]: Writable }

const EMITTER_EVENTS = new Set(['level-change', 'newListener', 'removeListener', 'error'])
const emitterEmit = EventEmitter.prototype.emit

/** Own properties of an arrow function a helper name could collide with. */
const OWN_FUNCTION_KEYS = new Set(Object.getOwnPropertyNames(function own() {}))

export type MakeEmit = (logger: Writable) => unknown

export function emitFactory(compiled: CompiledEmitters): MakeEmit {
  const proto: object = Object.create(Function.prototype) as object
  const eager: [string, string][] = []
  for (const [helper, name] of compiled.helpers) {
    const writer = compiled.byName[name]
    if (writer === undefined) continue
    if (OWN_FUNCTION_KEYS.has(helper)) {
      eager.push([helper, name])
      continue
    }
    Object.defineProperty(proto, helper, {
      configurable: true,
      enumerable: true,
      get(this: EmitFunction) {
        const logger = this[LOGGER]
        const bound = (props: unknown, options?: EmitCallOptions): void => writer(logger, props, options)
        Object.defineProperty(this, helper, { value: bound, enumerable: true })
        return bound
      },
    })
  }
  const dispatch = compiled.dispatch
  const byName = compiled.byName

  return (logger) => {
    const emit = function emit(name: string, props: unknown, options?: EmitCallOptions): unknown {
      const n = arguments.length
      if (typeof name !== 'string' || EMITTER_EVENTS.has(name) || (n > 2 && (n > 3 || byName[name] === undefined))) {
        // eslint-disable-next-line prefer-rest-params
        return emitterEmit.apply(logger, arguments as unknown as [string, ...unknown[]])
      }
      dispatch(logger, name, props, options)
      return undefined
    } as EmitFunction
    Object.setPrototypeOf(emit, proto)
    emit[LOGGER] = logger
    for (const [helper, name] of eager) {
      const writer = compiled.byName[name]
      if (writer === undefined) continue
      Object.defineProperty(emit, helper, {
        value: (props: unknown, options?: EmitCallOptions): void => writer(logger, props, options),
        enumerable: true,
      })
    }
    return emit
  }
}
