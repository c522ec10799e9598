/** Settings of an `otlp` destination (OTLP/HTTP logs to an OpenTelemetry Collector or any OTLP endpoint). */
import { z } from 'zod'
import { httpUrlSetting } from '../http/settings.js'

export const OTLP_PROTOCOLS = ['http/protobuf', 'http/json'] as const
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number]

/** The path the OTLP/HTTP specification gives the logs signal. */
export const LOGS_PATH = '/v1/logs'

export const otlpSettingsSchema = z.object({
  endpoint: httpUrlSetting(
    'set endpoint to the OTLP/HTTP receiver, e.g. http://otel-collector:4318 (/v1/logs is added) or the full logs URL',
  ),
  protocol: z.enum(OTLP_PROTOCOLS, { error: `protocol must be one of ${OTLP_PROTOCOLS.join(', ')}` }).default('http/protobuf'),
  gzip: z.boolean({ error: 'gzip must be true or false' }).default(true),
  /** extra request headers, e.g. an API key header a vendor's OTLP endpoint asks for */
  headers: z.record(z.string(), z.string({ error: 'each header value must be a string' })).default({}),
  /** resource attribute service.name; default: the line's `service` (the catalog's service) */
  serviceName: z.string().min(1, 'serviceName is empty; leave it out to use the catalog service').optional(),
  /** resource attribute deployment.environment; default: the line's `env` */
  environment: z.string().min(1, 'environment is empty; leave it out to use the line env').optional(),
})

export type OtlpSettings = z.infer<typeof otlpSettingsSchema>

/**
 * The URL the batches are posted to: an endpoint with no path gets the logs
 * path (as OTEL_EXPORTER_OTLP_ENDPOINT does); one with a path is used as it is
 * (as OTEL_EXPORTER_OTLP_LOGS_ENDPOINT is).
 */
export function logsUrl(endpoint: string): string {
  const url = new URL(endpoint)
  if (url.pathname === '' || url.pathname === '/') url.pathname = LOGS_PATH
  return url.toString()
}

/**
 * A Collector's OTLP/HTTP receiver takes 20 MiB per request by default and
 * gRPC-fed pipelines 4 MiB per message; items are measured uncompressed.
 */
export const OTLP_LIMITS = { maxItems: 1000, maxBytes: 4 * 1024 * 1024 } as const
