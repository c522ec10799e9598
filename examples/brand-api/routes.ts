/**
 * The brand routes. Handlers only emit typed catalog events (`log.emit.x`);
 * the request's context (requestId, userId, and brandId once known) is
 * stamped on every line by linecast.
 */
import { Router, type Request } from 'express'
import { withContext } from 'linecast'
import type { LogoGenerationRequested } from '../../generated/events.js'
import { findBrand } from './brand-queries.js'
import type { GenerationDeps } from './deps.js'
import { InvalidRequestError, StorageUnavailableError } from './errors.js'
import type { BrandFlags } from './flags.js'
import { generateBrandNames, generatePalette, type LogoModel } from './generation.js'
import type { JobRunner } from './jobs/types.js'

const LOGO_MODELS: readonly LogoModel[] = ['flux-2-pro', 'flux-2-dev', 'gpt-image-1.5', 'ideogram-v3', 'gemini-3-pro-image']
const ENTRY_POINTS = ['onboarding', 'dashboard', 'template'] as const

export interface RouteDeps extends GenerationDeps {
  jobs: JobRunner
  flags: BrandFlags
}

/** The caller, from the `X-User-Id` header a gateway would set after authentication. */
export function userIdOf(req: { headers: Request['headers'] }): string | undefined {
  const value = req.headers['x-user-id']
  return typeof value === 'string' && value !== '' ? value : undefined
}

function body(req: Request): Record<string, unknown> {
  return typeof req.body === 'object' && req.body !== null ? (req.body as Record<string, unknown>) : {}
}

function text(value: unknown, field: string, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidRequestError(`\`${field}\` must be a non-empty string`)
  return value.trim()
}

function integer(value: unknown, field: string, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidRequestError(`\`${field}\` must be an integer from ${min} to ${max}`)
  }
  return value
}

function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback
  if (!allowed.includes(value as T)) throw new InvalidRequestError(`\`${field}\` must be one of ${allowed.join(', ')}`)
  return value as T
}

export function brandRoutes(deps: RouteDeps): Router {
  const { log, brands, jobs, flags } = deps
  const router = Router()

  /**
   * Start the wizard: a brand, name ideas and a palette (two AI calls). The
   * `new_wizard` flag picks the variant: `test` asks for the palette (the
   * style step) first.
   */
  router.post('/brands', async (req, res) => {
    const input = body(req)
    const name = text(input.name, 'name')
    const industry = text(input.industry, 'industry', 'general')
    const entryPoint = oneOf(input.entryPoint, 'entryPoint', ENTRY_POINTS, 'dashboard')
    const brand = brands.create({ ownerId: userIdOf(req), name, industry })
    const wizard = await flags.newWizard(userIdOf(req) ?? brand.id)
    await withContext({ brandId: brand.id }, async () => {
      log.info({ flag: 'new_wizard', variant: wizard }, `wizard variant ${wizard}`)
      log.emit.wizardStarted({ brandId: brand.id, entryPoint })
      if (wizard === 'test') brand.palette = await generatePalette(deps, brand.id, industry)
      brand.nameIdeas = await generateBrandNames(deps, brand.id, name, industry)
      if (wizard === 'control') brand.palette = await generatePalette(deps, brand.id, industry)
    })
    res.status(201).json({ ...brand, wizard })
  })

  router.get('/brands/:id', async (req, res) => {
    res.json(await findBrand(deps, req.params.id))
  })

  /** Ask for logos: a job on the queue (or inline without Redis); 202 with its id. */
  router.post('/brands/:id/logos', async (req, res) => {
    const brand = await findBrand(deps, req.params.id)
    const input = body(req)
    const request: LogoGenerationRequested = {
      brandId: brand.id,
      model: oneOf(input.model, 'model', LOGO_MODELS, 'flux-2-pro'),
      count: integer(input.count, 'count', 4, 1, 8),
      ...(typeof input.style === 'string' ? { style: input.style } : {}),
    }
    const jobId = await withContext({ brandId: brand.id }, () => {
      log.emit.logoGenerationRequested(request)
      return jobs.enqueue({ kind: 'generate_logos', userId: userIdOf(req), ...request })
    })
    res.status(202).json({ jobId, brandId: brand.id, mode: jobs.mode })
  })

  /** A short brand video: the expensive job (veo-3 is priced per second). */
  router.post('/brands/:id/video', async (req, res) => {
    const brand = await findBrand(deps, req.params.id)
    const seconds = integer(body(req).seconds, 'seconds', 8, 1, 60)
    const jobId = await withContext({ brandId: brand.id }, () =>
      jobs.enqueue({ kind: 'render_video', brandId: brand.id, userId: userIdOf(req), seconds }),
    )
    res.status(202).json({ jobId, brandId: brand.id, mode: jobs.mode })
  })

  /** Export the brand kit. The storage behind it is down: this route always fails with a 500, to show the error path. */
  router.post('/brands/:id/export', async (req) => {
    const brand = await findBrand(deps, req.params.id)
    throw new StorageUnavailableError(`brand-kit storage refused the export of ${brand.id}: bucket brand-kits is unavailable`)
  })

  return router
}
