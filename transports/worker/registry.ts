/**
 * Destination kind -> sink factory. Each sink lives in its own folder and is
 * loaded on first use by dynamic import, so a missing or broken sink turns its
 * destinations off instead of breaking the others. A sink whose vendor SDK is
 * not installed (they are optional peer dependencies) says which package to
 * install.
 */
import type { DestinationKind } from '../../schema/compiled.js'
import { LinecastError } from '../../core/errors.js'
import { installCommand, missingPackage } from '../../core/peer.js'
import type { Sink, SinkContext } from './delivery/types.js'

export type SinkFactory = (name: string, ctx: SinkContext) => Sink | Promise<Sink>

export const SINK_FOLDERS: Readonly<Record<DestinationKind, string>> = {
  sentry: 'sentry',
  posthog: 'posthog',
  audit_log: 'audit-log',
  betterstack: 'betterstack',
  slack: 'slack',
  mixpanel: 'mixpanel',
  email: 'email',
  module: 'module',
  otlp: 'otlp',
}

/** The packages a sink's folder imports when it loads (audit_log loads its database driver per back end, later). */
export const SINK_PACKAGES: Readonly<Record<DestinationKind, readonly string[]>> = {
  sentry: ['@sentry/node'],
  posthog: [],
  audit_log: [],
  betterstack: [],
  slack: [],
  mixpanel: [],
  email: ['nodemailer'],
  module: [],
  otlp: [],
}

export class SinkUnavailableError extends LinecastError {
  constructor(kind: string, reason: string, cause?: unknown, missing?: string) {
    super(
      'LINECAST_SINK_UNAVAILABLE',
      missing === undefined
        ? `the "${kind}" sink cannot be loaded (${reason}); rebuild linecast (npm run build) or remove destinations of this kind`
        : `destinations of kind "${kind}" need ${missing}, which is not installed: run \`${installCommand([missing])}\`, or remove destinations of this kind`,
      { cause },
    )
  }
}

const loaded = new Map<string, Promise<SinkFactory>>()

async function importFactory(kind: DestinationKind): Promise<SinkFactory> {
  const folder = SINK_FOLDERS[kind]
  if (folder === undefined) throw new SinkUnavailableError(kind, 'unknown destination kind')
  let mod: { createSink?: unknown }
  try {
    const specifier = `../sinks/${folder}/index.js`
    mod = (await import(/* @vite-ignore */ specifier)) as { createSink?: unknown }
  } catch (error) {
    const missing = missingPackage(error, SINK_PACKAGES[kind])
    throw new SinkUnavailableError(kind, error instanceof Error ? error.message : String(error), error, missing)
  }
  if (typeof mod.createSink !== 'function') throw new SinkUnavailableError(kind, `${folder}/index.js does not export createSink`)
  return mod.createSink as SinkFactory
}

/** The factory of a destination kind; the import happens once per kind. */
export function sinkFactory(kind: DestinationKind): Promise<SinkFactory> {
  let pending = loaded.get(kind)
  if (pending === undefined) {
    pending = importFactory(kind)
    loaded.set(kind, pending)
  }
  return pending
}
