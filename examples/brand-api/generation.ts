/**
 * Every AI call of the service. Each goes through `trackAICall` (one
 * `ai_api_call` cost record per call, success or failure, priced from the
 * catalog) around `trackExternalCall` (a slowness event when the provider is
 * slow), then the product event says what was made.
 */
import { performance } from 'node:perf_hooks'
import { calculateCost, trackAICall } from 'linecast/ai-cost'
import { trackExternalCall } from 'linecast/monitors'
import type { LogoGenerated } from '../../generated/events.js'
import type { GenerationDeps } from './deps.js'

export type LogoModel = LogoGenerated['model']

const NAME_MODEL = 'claude-sonnet-4-6'
const PALETTE_MODEL = 'gemini-3.0-flash'
const VIDEO_MODEL = 'veo-3'

const elapsed = (start: number): number => Math.max(0, Math.round(performance.now() - start))

/** Name ideas for a new brand (wizard step `name`). */
export async function generateBrandNames(deps: GenerationDeps, brandId: string, name: string, industry: string): Promise<string[]> {
  const { log, provider, pricing, thresholds } = deps
  const start = performance.now()
  const prompt = `Suggest names for a ${industry} brand called ${name}`
  const reply = await trackAICall(
    log,
    { model: NAME_MODEL, taskType: 'brand_name', pricing },
    () => trackExternalCall(`anthropic ${NAME_MODEL}`, () => provider.complete(NAME_MODEL, prompt, 5, (i) => `${name} ${['Labs', 'Studio', 'Co', 'Works', 'House'][i] ?? i}`), { logger: log, thresholds }),
    (r) => ({ inputTokens: r.usage.input_tokens, outputTokens: r.usage.output_tokens }),
  )
  const duration_ms = elapsed(start)
  log.emit.brandNameGenerated({ brandId, model: NAME_MODEL, nameCount: reply.lines.length, duration_ms })
  log.emit.wizardStepCompleted({ brandId, step: 'name', stepIndex: 1, duration_ms })
  return reply.lines
}

/** A colour palette for the brand (wizard step `colors`). */
export async function generatePalette(deps: GenerationDeps, brandId: string, industry: string): Promise<string[]> {
  const { log, provider, pricing, thresholds } = deps
  const start = performance.now()
  const reply = await trackAICall(
    log,
    { model: PALETTE_MODEL, taskType: 'color_palette', pricing },
    () => trackExternalCall(`google ${PALETTE_MODEL}`, () => provider.complete(PALETTE_MODEL, `Palette for ${industry}`, 4, (i) => `#${((i + 3) * 0x2f4a9b).toString(16).slice(-6).padStart(6, '0')}`), { logger: log, thresholds }),
    (r) => ({ inputTokens: r.usage.input_tokens, outputTokens: r.usage.output_tokens }),
  )
  const duration_ms = elapsed(start)
  log.emit.colorPaletteGenerated({ brandId, model: PALETTE_MODEL, colorCount: reply.lines.length, duration_ms })
  log.emit.wizardStepCompleted({ brandId, step: 'colors', stepIndex: 3, duration_ms })
  return reply.lines
}

/** `count` logos with an image model; writes `logo_generated` with what they cost. */
export async function generateLogos(
  deps: GenerationDeps,
  job: { brandId: string; jobId: string; model: LogoModel; count: number; style?: string | undefined },
): Promise<string[]> {
  const { log, provider, pricing, thresholds } = deps
  const start = performance.now()
  const prompt = `Logo for brand ${job.brandId}${job.style !== undefined ? `, ${job.style} style` : ''}`
  const reply = await trackAICall(
    log,
    { model: job.model, taskType: 'logo', pricing },
    () => trackExternalCall(`fal ${job.model}`, () => provider.generateImages(job.model, prompt, job.count), { logger: log, thresholds }),
    (r) => ({ images: r.images.length }),
  )
  const urls = reply.images.map((i) => i.url)
  log.emit.logoGenerated({
    brandId: job.brandId,
    jobId: job.jobId,
    model: job.model,
    duration_ms: elapsed(start),
    cost: calculateCost(pricing, job.model, { images: urls.length }),
    logoCount: urls.length,
  })
  return urls
}

/** A short brand video: the expensive call (veo-3 is priced per second). */
export async function generateVideo(deps: GenerationDeps, brandId: string, seconds: number): Promise<string> {
  const { log, provider, pricing, thresholds } = deps
  const start = performance.now()
  const reply = await trackAICall(
    log,
    { model: VIDEO_MODEL, taskType: 'video', pricing },
    () => trackExternalCall(`google ${VIDEO_MODEL}`, () => provider.generateVideo(VIDEO_MODEL, `Intro video for ${brandId}`, seconds), { logger: log, thresholds }),
    (r) => ({ videos: 1, videoSeconds: r.video.seconds }),
  )
  log.emit.videoGenerated({ brandId, model: VIDEO_MODEL, videoSeconds: reply.video.seconds, duration_ms: elapsed(start) })
  return reply.video.url
}
