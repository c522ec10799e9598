// A plain-JS sink for transport tests (it runs in the pino worker thread):
// POSTs each batch as a JSON array to `settings.url` and classifies the answer.
// A 400 answer with a JSON body { rejected: [indexes] } names culprit items.
export function createSink(name, ctx) {
  const url = ctx.settings.url
  if (typeof url !== 'string') throw new Error(`${name}: settings.url is required`)
  const maxItems = Number(ctx.settings.maxItems ?? 100)
  return {
    name,
    limits: { maxItems, maxBytes: 1_000_000 },
    encode(line) {
      if (line.unencodable === true) throw new Error('refusing to encode this line')
      return line
    },
    async send(batch, signal) {
      // a sink bug: a promise nobody handles; the worker must keep delivering
      if (batch.some((l) => l.strayRejection === true)) Promise.reject(new Error('stray rejection from a sink'))
      let res
      try {
        res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch), signal })
      } catch (error) {
        return { type: 'retry', reason: String(error) }
      }
      const text = await res.text().catch(() => '')
      if (res.ok) return { type: 'ok' }
      if (res.status === 429 || res.status === 503) {
        const after = Number(res.headers.get('retry-after'))
        if (Number.isFinite(after)) return { type: 'retryAfter', ms: after * 1000, reason: `HTTP ${res.status}` }
        return { type: 'retry', reason: `HTTP ${res.status}` }
      }
      if (res.status === 413) return { type: 'split', reason: 'HTTP 413' }
      if (res.status === 402 || res.status === 403) return { type: 'reject', reason: `HTTP ${res.status}`, loud: true }
      if (res.status === 400) {
        let items
        try {
          items = JSON.parse(text).rejected
        } catch {}
        return { type: 'reject', reason: 'HTTP 400', ...(Array.isArray(items) ? { items } : {}) }
      }
      return { type: 'retry', reason: `HTTP ${res.status}` }
    },
  }
}
