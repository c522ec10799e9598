import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import { driveLoad, planLoad } from './load.js'

describe('demo load plan', () => {
  it('repeats a round of ten: two brands, logos, two veo-3 videos, reads, a 404 and the failing export', () => {
    const plan = planLoad(20)
    expect(plan).toHaveLength(20)
    expect(plan.filter((r) => r.path.endsWith('/video'))).toHaveLength(4)
    expect(plan.filter((r) => r.path === '/brands')).toHaveLength(4)
    expect(plan.filter((r) => r.path.endsWith('/export'))).toHaveLength(2)
    expect(plan[10]).toMatchObject({ method: 'POST', path: '/brands', round: 1 })
  })

  it('sends the requests in order, filling in the brands the round created', async () => {
    const seen: string[] = []
    let next = 0
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      seen.push(`${req.method} ${req.url} ${String(req.headers['x-user-id'])}`)
      res.setHeader('content-type', 'application/json')
      res.setHeader('x-request-id', `r${seen.length}`)
      if (req.method === 'POST' && req.url === '/brands') {
        next++
        res.statusCode = 201
        return res.end(JSON.stringify({ id: `b${next}` }))
      }
      res.end('{}')
    })
    server.listen(0, '127.0.0.1')
    await once(server, 'listening')
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const results = await driveLoad(url, planLoad(6), new AbortController().signal)
      expect(seen).toEqual([
        'POST /brands u_ada',
        'POST /brands u_ada',
        'POST /brands/b1/logos u_ada',
        'POST /brands/b1/video u_ada',
        'GET /brands/b1 u_ada',
        'POST /brands/b2/logos u_ada',
      ])
      expect(results.map((r) => r.status)).toEqual([201, 201, 200, 200, 200, 200])
      expect(results[0]?.requestId).toBe('r1')
    } finally {
      server.closeAllConnections()
      server.close()
    }
  })
})
