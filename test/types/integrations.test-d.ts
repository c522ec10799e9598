/**
 * The jobs, monitors and reports helpers take the logger of any generated
 * catalog (every catalog holds the built-in events) and refuse one whose
 * catalog lacks the events they write.
 */
import { describe, expectTypeOf, it } from 'vitest'
import type { LinecastEvents } from '../../generated/events.js'
import type { LinecastLogger } from '../../emitters/index.js'
import type { JobEvents } from '../../integrations/jobs/index.js'
import { instrumentWorker } from '../../integrations/jobs/index.js'
import type { CronEvents, SlownessEvents } from '../../integrations/monitors/index.js'
import { trackQuery, withMonitor } from '../../integrations/monitors/index.js'
import type { ReportEvents, ReportLogger } from '../../integrations/reports/index.js'
import type { FixtureEvents } from '../emitters/fixture-catalog.js'

declare const shipped: LinecastLogger<LinecastEvents>
declare const fixture: LinecastLogger<FixtureEvents>

describe('built-in event constraints', () => {
  it('a generated catalog logger fits every helper', () => {
    expectTypeOf(shipped).toExtend<LinecastLogger<JobEvents>>()
    expectTypeOf(shipped).toExtend<LinecastLogger<CronEvents>>()
    expectTypeOf(shipped).toExtend<LinecastLogger<SlownessEvents>>()
    expectTypeOf(shipped).toExtend<LinecastLogger<ReportEvents>>()
    expectTypeOf(shipped).toExtend<ReportLogger>()
    // the generated property types are the ones the helpers write
    expectTypeOf<LinecastEvents['cost_report_generated']>().toExtend<ReportEvents['cost_report_generated']>()
    expectTypeOf<ReportEvents['cost_report_generated']>().toExtend<LinecastEvents['cost_report_generated']>()
  })

  it('a logger without the built-in events is refused', () => {
    expectTypeOf(fixture).not.toExtend<LinecastLogger<JobEvents>>()
    // @ts-expect-error the fixture catalog has no slowness events
    void trackQuery('q', () => 1, { logger: fixture })
    // @ts-expect-error the fixture catalog has no cron events
    void withMonitor({ slug: 's', schedule: '* * * * *' }, () => 1, { logger: fixture })
    // @ts-expect-error the fixture catalog has no job events
    instrumentWorker('q', async () => 1, { logger: fixture, connection: {} })
  })
})
