import { createServer } from 'node:http'
import express from 'express'
import { expressErrorHandler, expressHttpLogging } from '../../emitters/http/index.js'
import { failAfterAwait, httpContract, teapot, viewBrand, type BuildApp } from './http-contract.js'

const build: BuildApp = async (log, { env, contextFrom }) => {
  const app = express()
  app.use(expressHttpLogging(log, { contextFrom }))
  app.use(express.json())
  app.get('/brands/:id', async (req, res) => {
    await viewBrand(log, req.params.id)
    res.json({ id: req.params.id })
  })
  app.post('/echo', async (req, res) => {
    await viewBrand(log, (req.body as { page: string }).page)
    res.json(req.body)
  })
  app.get('/missing', (_req, res) => void res.status(404).json({ error: 'missing' }))
  app.get('/unavailable', (_req, res) => void res.status(503).json({ error: 'down' }))
  app.get('/moved', (_req, res) => res.redirect(302, '/brands/b_1'))
  app.get('/boom', async () => failAfterAwait())
  app.get('/teapot', () => {
    throw teapot()
  })
  app.get('/health', (_req, res) => void res.json({ status: 'ok' }))
  app.use(expressErrorHandler(log, { env }))
  return createServer(app)
}

httpContract('express 5', build, { route: true })
