/** What a job does, whichever runner runs it. Runs inside the job's context (set by linecast's instrumentation). */
import { startTimer } from 'linecast/monitors'
import { updateBrand } from '../brand-queries.js'
import type { GenerationDeps } from '../deps.js'
import { generateLogos, generateVideo } from '../generation.js'
import type { BrandJob } from './types.js'

export interface RunnableJob {
  id?: string | undefined
  data: BrandJob
}

export function brandJobProcessor(deps: GenerationDeps): (job: RunnableJob) => Promise<string[]> {
  return async (job) => {
    const data = job.data
    const jobId = job.id ?? 'unknown'
    if (data.kind === 'generate_logos') {
      // the steps of the job, timed: the AI call, then storing the logos
      const timer = startTimer('logo job')
      const urls = await generateLogos(deps, { brandId: data.brandId, jobId, model: data.model, count: data.count, style: data.style })
      timer.lap('generate')
      await updateBrand(deps, data.brandId, (b) => b.logos.push(...urls))
      timer.lap('store')
      const { name, totalMs, laps } = timer.end()
      deps.log.info({ timer: name, totalMs: Math.round(totalMs), laps: laps.map((l) => ({ label: l.label, ms: Math.round(l.ms) })) }, `${name}: ${Math.round(totalMs)} ms`)
      return urls
    }
    const url = await generateVideo(deps, data.brandId, data.seconds)
    await updateBrand(deps, data.brandId, (b) => b.videos.push(url))
    return [url]
  }
}
