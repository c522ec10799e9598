/**
 * The Express 5 app of the brand API, wired the way a real service wires
 * linecast: request logging first (requestId, one http_request line per
 * request, the context of everything the handler does), health routes, the
 * queue board behind an admin check, the routes, then linecast's error handler.
 */
import express, { type Express, type Request } from 'express'
import { expressHealthRoutes, type HealthChecks } from 'linecast/health'
import { expressErrorHandler, expressHttpLogging } from 'linecast/http'
import { mountQueueBoard } from 'linecast/queue-board'
import type { LinecastEvents } from '../../generated/events.js'
import { RouteNotFoundError } from './errors.js'
import { brandRoutes, userIdOf, type RouteDeps } from './routes.js'

export interface AppDeps extends RouteDeps {
  health: HealthChecks
  /** mounts Bull Board at /admin/queues (BullMQ mode only): `Authorization: Bearer <adminToken>` */
  adminToken?: string | undefined
}

export async function createApp(deps: AppDeps): Promise<Express> {
  const { log } = deps
  const app = express()
  app.disable('x-powered-by')
  app.use(
    expressHttpLogging<LinecastEvents, Request>(log, {
      // called at the start and again at the end, when the route's params are known
      contextFrom: (req) => ({ userId: userIdOf(req), brandId: typeof req.params?.id === 'string' ? req.params.id : undefined }),
    }),
  )
  app.use(expressHealthRoutes(deps.health))
  if (deps.jobs.queues.length > 0 && deps.adminToken !== undefined) {
    const expected = `Bearer ${deps.adminToken}`
    await mountQueueBoard(app, {
      queues: deps.jobs.queues,
      logger: log,
      isAdmin: (req) => {
        const auth = req.headers.authorization
        return auth === undefined ? undefined : auth === expected
      },
    })
  }
  app.use(express.json({ limit: '100kb' }))
  app.use(brandRoutes(deps))
  app.use((req: Request) => {
    throw new RouteNotFoundError(req.method, req.path)
  })
  app.use(expressErrorHandler(log))
  return app
}
