import { createLogger } from '../../emitters/index.js'
import type { CreateLoggerOptions, LinecastLogger } from '../../emitters/index.js'
import { CaptureStream } from './capture.js'
import { FIXTURE_PII_KEY, fixtureCatalog, type FixtureEvents } from './fixture-catalog.js'

/** A fixture logger writing to a capture stream. */
export function fixtureLogger(
  options: Partial<CreateLoggerOptions<FixtureEvents>> = {},
): { log: LinecastLogger<FixtureEvents>; out: CaptureStream } {
  const out = new CaptureStream()
  const log = createLogger<FixtureEvents>({
    catalog: fixtureCatalog,
    destination: out,
    piiKey: FIXTURE_PII_KEY,
    env: 'test',
    ...options,
  })
  return { log, out }
}

export const LOGO = { brandId: 'b_1', jobId: 'job_123', model: 'flux-2-pro', duration_ms: 840, cost: 0.06 } as const
