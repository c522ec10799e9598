/**
 * Fixtures for transport integration tests: a catalog whose destination is
 * the plain-JS test sink (test/support/http-sink.mjs) posting to a scripted
 * receiver, temp directories, and readers for spool and dead-letter files.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CompiledCatalog } from '../../schema/compiled.js'
import { compiledCatalog } from './compiled-catalog.js'
import type { ReceivedRequest } from './http-receiver.js'

export const HTTP_SINK = fileURLToPath(new URL('./http-sink.mjs', import.meta.url))
export const WORKER_JS = fileURLToPath(new URL('../../dist/transports/worker/worker.js', import.meta.url))

/** A catalog with one module destination `http` (all info+ lines) posting to `${RECEIVER_URL}`. */
export function httpCatalog(extra: Partial<CompiledCatalog> = {}, settings: Record<string, unknown> = {}): CompiledCatalog {
  return compiledCatalog({
    service: 'transport-test',
    destinations: {
      http: { kind: 'module', settings: { module: HTTP_SINK, url: '${RECEIVER_URL}', ...settings } },
    },
    routes: { info: ['http'] },
    ...extra,
  })
}

export function tempDirs(): { root: string; spoolDir: string; deadLetterDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'linecast-transport-'))
  return { root, spoolDir: join(root, 'spool'), deadLetterDir: join(root, 'dead-letter') }
}

/** eventIds of every batch the receiver answered 2xx... as seen by the scripted replies: callers pass the ok requests. */
export function eventIds(requests: ReceivedRequest[]): string[] {
  return requests.flatMap((r) => (Array.isArray(r.json) ? (r.json as { eventId: string }[]).map((l) => l.eventId) : []))
}

function ndjsonFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return ndjsonFiles(path)
    return name.endsWith('.ndjson') ? [path] : []
  })
}

/** Every complete JSON line under a directory tree of NDJSON files. */
export function readNdjson(dir: string): Record<string, unknown>[] {
  return ndjsonFiles(dir).flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, unknown>]
        } catch {
          return []
        }
      }),
  )
}

export function assertBuilt(): void {
  if (!existsSync(WORKER_JS)) throw new Error(`${WORKER_JS} is missing: run \`npm run build\` before these tests (npm test does)`)
}
