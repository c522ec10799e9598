/**
 * Shared by the HTTP, health and queue board tests: a catalog made of the
 * built-in part (schema/builtin.catalog.yaml) plus one service event, with
 * zod schemas built from the compiled catalog the way `linecast generate`
 * writes them; a logger writing to a capture stream; and request helpers.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { z, type ZodType } from 'zod'
import type { CompiledCatalog } from '../../schema/compiled.js'
import { defineCatalog, type Catalog } from '../../schema/define.js'
import { evaluateZodObject } from '../../schema/generate/zod-source.js'
import { loadCatalogText } from '../../schema/load.js'
import { createLogger, type LinecastLogger } from '../../emitters/index.js'
import { CaptureStream } from '../emitters/capture.js'

const SERVICE_CATALOG = `
catalog: 1
service: http-test
context: [requestId, userId, tenantId, brandId]
events:
  brand_viewed:
    kind: analytics
    description: A brand page was shown.
    properties:
      page: { type: string }
`

export interface HttpTestEvents {
  brand_viewed: { page: string }
}

function schemasOf(compiled: CompiledCatalog): Record<string, ZodType<Record<string, unknown>>> {
  const out: Record<string, ZodType<Record<string, unknown>>> = {}
  for (const [name, event] of Object.entries(compiled.events)) {
    out[name] = evaluateZodObject<ZodType<Record<string, unknown>>>(event.properties, z)
  }
  return out
}

const compiled = loadCatalogText(SERVICE_CATALOG, 'http-test.catalog.yaml').compiled
export const httpTestCatalog: Catalog<HttpTestEvents> = defineCatalog<HttpTestEvents>(
  compiled,
  schemasOf(compiled) as unknown as Catalog<HttpTestEvents>['schemas'],
)

/** Parses `line`'s catalog properties with the event's schema: throws when the line drifts from the catalog. */
export function expectCatalogShape(line: Record<string, unknown>): void {
  const name = line.event
  if (typeof name !== 'string') throw new Error(`line has no event: ${JSON.stringify(line)}`)
  const event = compiled.events[name]
  const schema = (httpTestCatalog.schemas as unknown as Record<string, ZodType | undefined>)[name]
  if (event === undefined || schema === undefined) throw new Error(`event ${name} is not in the catalog`)
  const props: Record<string, unknown> = {}
  for (const key of Object.keys(event.properties)) if (line[key] !== undefined) props[key] = line[key]
  schema.parse(props)
  if (line.kind !== event.kind) throw new Error(`line kind ${String(line.kind)} is not the catalog's ${event.kind}`)
}

export function captureLogger(env = 'test'): { log: LinecastLogger<HttpTestEvents>; out: CaptureStream } {
  const out = new CaptureStream()
  const log = createLogger<HttpTestEvents>({ catalog: httpTestCatalog, destination: out, env, level: 'debug' })
  return { log, out }
}

/** Resolves with the lines once `predicate` holds, or fails after the deadline with what was written. */
export async function waitForLines(
  out: CaptureStream,
  predicate: (lines: Record<string, unknown>[]) => boolean,
  deadlineMs = 5000,
): Promise<Record<string, unknown>[]> {
  const until = Date.now() + deadlineMs
  for (;;) {
    const lines = out.lines
    if (predicate(lines)) return lines
    if (Date.now() > until) throw new Error(`condition not met within ${deadlineMs}ms; lines:\n${out.text}`)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

/** Lines of one event. */
export function linesOf(lines: Record<string, unknown>[], event: string): Record<string, unknown>[] {
  return lines.filter((l) => l.event === event)
}

/** Listens on a free port; `close` ends open keep-alive connections too. */
export async function listen(server: Server): Promise<{ url: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      }),
  }
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
