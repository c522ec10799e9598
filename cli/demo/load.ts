/**
 * The demo's load: real HTTP requests against the running service, in a
 * fixed order so every run shows the same story. Each round of ten: two
 * brands created (name and palette AI calls), logos for each, two veo-3
 * videos (8 s at $0.40/s: $6.40 a round, so two rounds trip the catalog's
 * cost_anomaly rule, above $10 an hour), brand reads, an unknown brand (404)
 * and the export route that always fails (500).
 */
export interface PlannedRequest {
  method: 'GET' | 'POST'
  /** `{a}` and `{b}` stand for the round's two brands */
  path: string
  body?: Record<string, unknown>
}

const ROUND: readonly PlannedRequest[] = [
  { method: 'POST', path: '/brands', body: { name: 'Northwind', industry: 'coffee', entryPoint: 'onboarding' } },
  { method: 'POST', path: '/brands', body: { name: 'Lumen', industry: 'lighting' } },
  { method: 'POST', path: '/brands/{a}/logos', body: { model: 'flux-2-pro', count: 4, style: 'minimal' } },
  { method: 'POST', path: '/brands/{a}/video', body: { seconds: 8 } },
  { method: 'GET', path: '/brands/{a}' },
  { method: 'POST', path: '/brands/{b}/logos', body: { model: 'ideogram-v3', count: 2 } },
  { method: 'GET', path: '/brands/b_missing' },
  { method: 'POST', path: '/brands/{a}/export' },
  { method: 'POST', path: '/brands/{b}/video', body: { seconds: 8 } },
  { method: 'GET', path: '/brands/{b}' },
]

const USERS = ['u_ada', 'u_grace', 'u_linus']

export interface RequestResult {
  method: string
  path: string
  status: number
  requestId: string | undefined
}

/** The first `count` requests of the endless sequence of rounds. */
export function planLoad(count: number): Array<PlannedRequest & { round: number }> {
  return Array.from({ length: count }, (_, i) => ({ ...(ROUND[i % ROUND.length] as PlannedRequest), round: Math.floor(i / ROUND.length) }))
}

/** Sends the planned requests one after the other; a brand the round could not create falls back to a missing id (404). */
export async function driveLoad(baseUrl: string, plan: ReturnType<typeof planLoad>, signal: AbortSignal): Promise<RequestResult[]> {
  const results: RequestResult[] = []
  const brands = new Map<string, string>()
  for (const request of plan) {
    if (signal.aborted) break
    const slot = (name: string): string => brands.get(`${request.round}:${name}`) ?? 'b_missing'
    const path = request.path.replace('{a}', slot('a')).replace('{b}', slot('b'))
    const user = USERS[request.round % USERS.length] as string
    const response = await fetch(`${baseUrl}${path}`, {
      method: request.method,
      headers: { 'x-user-id': user, ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
      signal,
    })
    const answer = (await response.json().catch(() => undefined)) as { id?: unknown } | undefined
    if (request.method === 'POST' && request.path === '/brands' && response.status === 201 && typeof answer?.id === 'string') {
      brands.set(`${request.round}:${brands.has(`${request.round}:a`) ? 'b' : 'a'}`, answer.id)
    }
    results.push({ method: request.method, path, status: response.status, requestId: response.headers.get('x-request-id') ?? undefined })
  }
  return results
}
