/**
 * A minimal AsyncLocalStorage context manager for `@opentelemetry/api`, so
 * that a span can be active without an OpenTelemetry SDK (the SDK's own
 * manager does the same). Used by bench/emit and the trace tests.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import { context, ROOT_CONTEXT, trace, TraceFlags, type Context, type ContextManager } from '@opentelemetry/api'

class LocalStorageContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>()
  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT
  }
  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.storage.run(ctx, () => fn.apply(thisArg, args))
  }
  bind<T>(_ctx: Context, target: T): T {
    return target
  }
  enable(): this {
    return this
  }
  disable(): this {
    this.storage.disable()
    return this
  }
}

/** Registers the manager as the API's global one; the returned function unregisters it. */
export function enableOtelContext(): () => void {
  context.setGlobalContextManager(new LocalStorageContextManager())
  return () => context.disable()
}

/** Runs `fn` with a (non-recording) span of these ids active. */
export function inSpan<T>(traceId: string, spanId: string, fn: () => T): T {
  const span = trace.wrapSpanContext({ traceId, spanId, traceFlags: TraceFlags.SAMPLED })
  return context.with(trace.setSpan(context.active(), span), fn)
}
