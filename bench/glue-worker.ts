/**
 * The hand-written glue linecast replaces, as a team writes it today: a pino
 * transport (pino-abstract-transport + split2 + JSON.parse), batches of 1000,
 * a gzipped JSON body per vendor's format, fetch, one request in flight.
 * Run as `pino.transport({ target: <this file, built>, options })`.
 */
import build from 'pino-abstract-transport'
import { promisify } from 'node:util'
import { gzip as gzipCb } from 'node:zlib'

const gzip = promisify(gzipCb)

export interface GlueOptions {
  vendor: 'betterstack' | 'posthog' | 'mixpanel'
  url: string
}

type Line = Record<string, unknown>

function body(vendor: GlueOptions['vendor'], lines: Line[]): unknown {
  switch (vendor) {
    case 'betterstack':
      return lines.map((l) => ({ ...l, dt: l.time }))
    case 'posthog':
      return {
        api_key: 'phc_bench',
        batch: lines.map((l) => ({ event: l.event, distinct_id: l.userId, timestamp: l.time, uuid: l.eventId, properties: { ...l, $lib: 'glue' } })),
      }
    case 'mixpanel':
      return lines.map((l) => ({ event: l.event, properties: { ...l, time: Date.parse(String(l.time)), distinct_id: l.userId, $insert_id: l.eventId } }))
  }
}

export default function glue(options: GlueOptions): ReturnType<typeof build> {
  let batch: Line[] = []
  const send = async (): Promise<void> => {
    if (batch.length === 0) return
    const lines = batch
    batch = []
    const payload = await gzip(JSON.stringify(body(options.vendor, lines)))
    const res = await fetch(options.url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: payload })
    await res.arrayBuffer()
  }
  let timer: NodeJS.Timeout | undefined
  return build(
    async (source) => {
      for await (const line of source as AsyncIterable<Line>) {
        batch.push(line)
        if (batch.length >= 1000) await send()
        else {
          clearTimeout(timer)
          timer = setTimeout(() => void send(), 100)
        }
      }
      clearTimeout(timer)
      await send()
    },
    { close: async () => send() },
  )
}
