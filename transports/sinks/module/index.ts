/**
 * The `module` sink: a user module that exports `createSink(name, ctx)`
 * returning a Sink. It gets batching, retry, timeouts, spool, dead letter
 * and counters from the delivery layer like every built-in sink.
 */
import { isAbsolute, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Sink, SinkContext } from '../../worker/delivery/types.js'
import { ModuleSinkLoadError, parseModuleSettings } from './config.js'

export { moduleSettingsSchema, ModuleSinkLoadError, ModuleSinkSettingsError, type ModuleSettings } from './config.js'

type UserFactory = (name: string, ctx: SinkContext) => Sink | Promise<Sink>

function isSink(value: unknown): value is Sink {
  const v = value as Partial<Sink> | null
  return typeof v === 'object' && v !== null && typeof v.encode === 'function' && typeof v.send === 'function'
}

/** Module path as written: absolute, or relative to the process cwd. */
export function modulePath(module: string, cwd: string = process.cwd()): string {
  return isAbsolute(module) ? module : resolve(cwd, module)
}

export async function createSink(name: string, ctx: SinkContext): Promise<Sink> {
  const { module, ...settings } = parseModuleSettings(name, ctx.settings)
  const path = modulePath(module)
  let loaded: { createSink?: unknown; default?: { createSink?: unknown } }
  try {
    loaded = (await import(pathToFileURL(path).href)) as typeof loaded
  } catch (error) {
    throw new ModuleSinkLoadError(name, path, `cannot be imported (${error instanceof Error ? error.message : String(error)}); check the path, relative to the process working directory`, error)
  }
  const factory = (loaded.createSink ?? loaded.default?.createSink) as UserFactory | undefined
  if (typeof factory !== 'function') throw new ModuleSinkLoadError(name, path, 'does not export createSink(name, ctx); export a function returning { encode, send }')
  const sink = await factory(name, { ...ctx, settings })
  if (!isSink(sink)) throw new ModuleSinkLoadError(name, path, 'createSink returned no sink; return an object with encode(line) and send(batch, signal)')
  const close = sink.close
  const itemBytes = sink.itemBytes
  return {
    name,
    ...(sink.limits === undefined ? {} : { limits: sink.limits }),
    encode: (line, raw) => sink.encode(line, raw),
    ...(itemBytes === undefined ? {} : { itemBytes: (item: unknown) => itemBytes.call(sink, item) }),
    send: (batch, signal) => sink.send(batch, signal),
    ...(close === undefined ? {} : { close: () => close.call(sink) }),
  }
}
