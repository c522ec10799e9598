/**
 * Bull Board for Express behind an admin check:
 *
 *   await mountQueueBoard(app, { queues: [renderQueue], isAdmin: (req) => adminFrom(req), logger: log })
 *
 * `isAdmin(req)` answers true (an admin: the board), false (someone else: 403,
 * and a warning line with the request id) or undefined (no credentials, such
 * as no Authorization header: 401). It may be async.
 *
 * @bull-board/api and @bull-board/express are optional: they are imported
 * when the board is mounted, and a missing one is a `QueueBoardDependencyError`
 * saying what to install.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { LinecastError } from '../../core/errors.js'
import { withContext } from '../../emitters/context.js'
import { scopeOf } from '../http/core.js'
import { requestIdFrom, REQUEST_ID_HEADER } from '../http/request-id.js'
import { asPinoLogger } from '../../emitters/logger.js'
import type { LinecastLogger } from '../../emitters/types.js'

export const BULL_BOARD_PACKAGES = ['@bull-board/api', '@bull-board/express'] as const

export class QueueBoardDependencyError extends LinecastError {
  constructor(cause: unknown) {
    super(
      'LINECAST_QUEUE_BOARD_DEPENDENCY_MISSING',
      `The queue board needs ${BULL_BOARD_PACKAGES.join(' and ')}: run \`npm install ${BULL_BOARD_PACKAGES.join(' ')}\`, or do not call mountQueueBoard.`,
      { cause },
    )
  }
}

/** A BullMQ `Queue` (what Bull Board's adapter takes); declared here so linecast's types need no BullMQ. */
export interface BoardQueue {
  readonly name: string
}

type Queue = BoardQueue

type Next = (err?: unknown) => void
type Handler = (req: IncomingMessage, res: ServerResponse, next: Next) => void

/** The part of an Express app the board uses. */
export interface ExpressAppLike {
  use(path: string, ...handlers: Handler[]): unknown
}

export interface QueueBoardOptions<E extends object> {
  queues: readonly Queue[]
  /** true: admin; false: authenticated but not an admin (403); undefined: no credentials (401) */
  isAdmin: (req: IncomingMessage) => boolean | undefined | Promise<boolean | undefined>
  /** where the board is mounted; default '/admin/queues' */
  basePath?: string
  /** writes the warning for a refused non-admin */
  logger: LinecastLogger<E>
  /** the board shows queues without retry/clean/remove buttons */
  readOnly?: boolean
  /** the 401 answer's WWW-Authenticate header; default `Bearer realm="queues"` */
  challenge?: string
}

export interface QueueBoard {
  readonly basePath: string
  addQueue(queue: Queue): void
  removeQueue(name: string): void
}

/** What the board uses of the two packages. */
export interface BullBoardModules {
  createBullBoard(args: { queues: readonly unknown[]; serverAdapter: unknown }): {
    addQueue(queue: unknown): void
    removeQueue(queueOrName: string): void
  }
  BullMQAdapter: new (queue: Queue, options?: { readOnlyMode?: boolean }) => unknown
  ExpressAdapter: new () => { setBasePath(path: string): unknown; getRouter(): Handler }
}

export type ImportModule = (specifier: string) => Promise<unknown>

const importModule: ImportModule = (specifier) => import(specifier)

/** Imports Bull Board; a missing package becomes a `QueueBoardDependencyError`. */
export async function loadBullBoard(load: ImportModule = importModule): Promise<BullBoardModules> {
  let modules: unknown[]
  try {
    modules = await Promise.all(['@bull-board/api', '@bull-board/api/bullMQAdapter', '@bull-board/express'].map(load))
  } catch (error) {
    throw new QueueBoardDependencyError(error)
  }
  const [api, adapter, express] = modules as [
    Pick<BullBoardModules, 'createBullBoard'>,
    Pick<BullBoardModules, 'BullMQAdapter'>,
    Pick<BullBoardModules, 'ExpressAdapter'>,
  ]
  return { createBullBoard: api.createBullBoard, BullMQAdapter: adapter.BullMQAdapter, ExpressAdapter: express.ExpressAdapter }
}

export const DEFAULT_QUEUE_BOARD_PATH = '/admin/queues'

export async function mountQueueBoard<E extends object>(
  app: ExpressAppLike,
  options: QueueBoardOptions<E>,
  deps: { importModule?: ImportModule } = {},
): Promise<QueueBoard> {
  const modules = await loadBullBoard(deps.importModule)
  const basePath = options.basePath ?? DEFAULT_QUEUE_BOARD_PATH
  const readOnlyMode = options.readOnly === true
  const serverAdapter = new modules.ExpressAdapter()
  serverAdapter.setBasePath(basePath)
  const board = modules.createBullBoard({
    queues: options.queues.map((q) => new modules.BullMQAdapter(q, { readOnlyMode })),
    serverAdapter,
  })
  app.use(basePath, adminOnly(options, basePath), serverAdapter.getRouter())
  return {
    basePath,
    addQueue: (queue) => board.addQueue(new modules.BullMQAdapter(queue, { readOnlyMode })),
    removeQueue: (name) => board.removeQueue(name),
  }
}

function adminOnly<E extends object>(options: QueueBoardOptions<E>, basePath: string): Handler {
  const logger = asPinoLogger(options.logger)
  const challenge = options.challenge ?? 'Bearer realm="queues"'
  return function queueBoardAdminOnly(req, res, next) {
    Promise.resolve()
      .then(() => options.isAdmin(req))
      .then((verdict) => {
        if (verdict === true) return next()
        const scope = scopeOf(req)
        const requestId = scope?.requestId ?? requestIdFrom(req.headers[REQUEST_ID_HEADER])
        if (verdict === false) {
          const warn = (): void =>
            logger.warn({ requestId, method: req.method, path: originalUrl(req, basePath) }, 'Queue board refused: not an admin')
          if (scope === undefined) withContext({ requestId }, warn)
          else scope.run(warn)
          return refuse(res, 403, 'Forbidden', requestId)
        }
        res.setHeader('WWW-Authenticate', challenge)
        return refuse(res, 401, 'Unauthorized', requestId)
      })
      .catch(next)
  }
}

/** express keeps the full URL in `originalUrl`; `url` is relative to the mount path. */
function originalUrl(req: IncomingMessage, basePath: string): string {
  const original = (req as { originalUrl?: unknown }).originalUrl
  return typeof original === 'string' ? original : basePath + (req.url ?? '')
}

function refuse(res: ServerResponse, status: number, error: string, requestId: string): void {
  const body = JSON.stringify({ error, requestId })
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'X-Request-Id': requestId,
  })
  res.end(body)
}
