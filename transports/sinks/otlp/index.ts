/** The `otlp` sink: line -> OTLP LogRecord, posted over OTLP/HTTP (protobuf or JSON, gzipped). */
import type { Sink, SinkContext } from '../../worker/delivery/types.js'
import type { Fetch } from '../http/post.js'
import { parseSettings } from '../http/settings.js'
import { logsUrl, OTLP_LIMITS, otlpSettingsSchema } from './config.js'
import { createOtlpEncoder, type OtlpItem } from './encode.js'
import { sendOtlpBatch } from './send.js'

export { logsUrl, otlpSettingsSchema, type OtlpSettings } from './config.js'
export { createOtlpEncoder, type OtlpItem } from './encode.js'

export interface OtlpDeps {
  fetch?: Fetch
}

export function createSink(name: string, ctx: SinkContext, deps: OtlpDeps = {}): Sink<OtlpItem> {
  const settings = parseSettings(otlpSettingsSchema, ctx.settings, name, 'otlp')
  const url = logsUrl(settings.endpoint)
  return {
    name,
    limits: OTLP_LIMITS,
    encode: createOtlpEncoder(settings),
    itemBytes: (item) => item.record.length,
    send: (batch, signal) =>
      sendOtlpBatch(batch, signal, {
        url,
        settings,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
        onPartialSuccess: (partial, sent) =>
          ctx.report('error', `the OTLP endpoint accepted the request but refused ${partial.rejected} of ${sent} log records; they are not sent again (the endpoint said: ${partial.message || 'no reason given'})`, {
            event: 'linecast.delivery',
            count: partial.rejected,
            reason: partial.message,
          }),
      }),
  }
}
