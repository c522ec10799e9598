/** What a job does, whichever runner runs it. Runs inside the job's context (set by linecast's instrumentation). */
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
      const urls = await generateLogos(deps, { brandId: data.brandId, jobId, model: data.model, count: data.count, style: data.style })
      deps.brands.update(data.brandId, (b) => b.logos.push(...urls))
      return urls
    }
    const url = await generateVideo(deps, data.brandId, data.seconds)
    deps.brands.update(data.brandId, (b) => b.videos.push(url))
    return [url]
  }
}
