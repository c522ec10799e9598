import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { withHttpLogging } from '../../integrations/http/index.js'
import { failAfterAwait, httpContract, teapot, viewBrand, type BuildApp } from './http-contract.js'

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return JSON.parse(Buffer.concat(chunks).toString('utf8'))
}

const build: BuildApp = async (log, { env, contextFrom }) =>
  createServer(
    withHttpLogging(
      log,
      async (req, res) => {
        const path = (req.url ?? '/').split('?')[0]!
        const brand = /^\/brands\/([^/]+)$/.exec(path)
        if (brand) {
          await viewBrand(log, brand[1]!)
          return json(res, 200, { id: brand[1] })
        }
        switch (path) {
          case '/echo': {
            const body = (await readJson(req)) as { page: string }
            await viewBrand(log, body.page)
            return json(res, 200, body)
          }
          case '/unavailable':
            return json(res, 503, { error: 'down' })
          case '/moved':
            return res.writeHead(302, { location: '/brands/b_1' }).end()
          case '/boom':
            return failAfterAwait()
          case '/teapot':
            throw teapot()
          case '/health':
            return json(res, 200, { status: 'ok' })
          default:
            return json(res, 404, { error: 'missing' })
        }
      },
      { env, contextFrom },
    ),
  )

httpContract('node:http', build, { route: false })
