/** Reading the collector's JSON body with a size cap (or taking the one a framework already parsed). */
import type { IncomingMessage } from 'node:http'

export type BodyResult = { kind: 'ok'; value: unknown } | { kind: 'too_large' } | { kind: 'malformed' }

function parse(text: string): BodyResult {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null ? { kind: 'ok', value } : { kind: 'malformed' }
  } catch {
    return { kind: 'malformed' }
  }
}

export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const parsed = (req as IncomingMessage & { body?: unknown }).body
  if (parsed !== undefined) {
    const text = typeof parsed === 'string' ? parsed : JSON.stringify(parsed)
    return Promise.resolve(Buffer.byteLength(text) > maxBytes ? { kind: 'too_large' } : typeof parsed === 'string' ? parse(parsed) : parse(text))
  }
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > maxBytes) {
    req.resume()
    return Promise.resolve({ kind: 'too_large' })
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    let over = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBytes) over = true
      else chunks.push(chunk)
    })
    req.on('end', () => resolve(over ? { kind: 'too_large' } : parse(Buffer.concat(chunks).toString('utf8'))))
    req.on('error', () => resolve({ kind: 'malformed' }))
  })
}
