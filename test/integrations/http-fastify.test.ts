import Fastify from 'fastify'
import { fastifyErrorHandler, fastifyHttpLogging } from '../../integrations/http/index.js'
import { failAfterAwait, httpContract, teapot, viewBrand, type BuildApp } from './http-contract.js'

const build: BuildApp = async (log, { env, contextFrom }) => {
  const app = Fastify()
  fastifyHttpLogging(app, log, { contextFrom })
  app.setErrorHandler(fastifyErrorHandler(log, { env }))
  app.get<{ Params: { id: string } }>('/brands/:id', async (request) => {
    await viewBrand(log, request.params.id)
    return { id: request.params.id }
  })
  app.post<{ Body: { page: string } }>('/echo', async (request) => {
    await viewBrand(log, request.body.page)
    return request.body
  })
  app.get('/missing', async (_request, reply) => reply.code(404).send({ error: 'missing' }))
  app.get('/unavailable', async (_request, reply) => reply.code(503).send({ error: 'down' }))
  app.get('/moved', async (_request, reply) => reply.redirect('/brands/b_1', 302))
  app.get('/boom', async () => failAfterAwait())
  app.get('/teapot', async () => {
    throw teapot()
  })
  app.get('/health', async () => ({ status: 'ok' }))
  await app.ready()
  return app.server
}

httpContract('fastify 5', build, { route: true })
