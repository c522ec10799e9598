/**
 * schema/builtin-events.ts types each built-in event exactly as a generated
 * catalog does, and the library's names for them are those same types.
 */
import { describe, expectTypeOf, it } from 'vitest'
import type { LinecastEvents } from '../../generated/events.js'
import type { AICostEvents, AIApiCall } from '../../integrations/ai-cost/index.js'
import type { HttpRequestFields, UnhandledErrorFields } from '../../integrations/http/index.js'
import type { JobEvents } from '../../integrations/jobs/index.js'
import type { CronEvents, CronMonitorFields, SlowCategory, SlownessEvents } from '../../integrations/monitors/index.js'
import type { CostReport, ReportEvents, ReportPeriod } from '../../integrations/reports/index.js'
import type { BuiltinEvents } from '../../schema/builtin-events.js'

type Shipped<K extends keyof BuiltinEvents> = LinecastEvents[K]

describe('built-in event types', () => {
  it('are the types the shipped catalog generates', () => {
    expectTypeOf<Pick<LinecastEvents, keyof BuiltinEvents>>().toEqualTypeOf<BuiltinEvents>()
    expectTypeOf<BuiltinEvents['ai_api_call']>().toEqualTypeOf<Shipped<'ai_api_call'>>()
    expectTypeOf<BuiltinEvents['cron_job_failed']>().toEqualTypeOf<Shipped<'cron_job_failed'>>()
  })

  it('keep the names the library exports', () => {
    expectTypeOf<AIApiCall>().toEqualTypeOf<Shipped<'ai_api_call'>>()
    expectTypeOf<AICostEvents>().toEqualTypeOf<Pick<LinecastEvents, 'ai_api_call'>>()
    expectTypeOf<CostReport>().toEqualTypeOf<Shipped<'cost_report_generated'>>()
    expectTypeOf<ReportPeriod>().toEqualTypeOf<'day' | 'week' | 'month' | 'custom'>()
    expectTypeOf<ReportEvents>().toEqualTypeOf<Pick<LinecastEvents, 'cost_report_generated'>>()
    expectTypeOf<JobEvents>().toEqualTypeOf<Pick<LinecastEvents, 'job_started' | 'job_completed' | 'job_failed'>>()
    expectTypeOf<CronEvents>().toEqualTypeOf<Pick<LinecastEvents, 'cron_job_started' | 'cron_job_completed' | 'cron_job_failed'>>()
    expectTypeOf<SlownessEvents>().toEqualTypeOf<
      Pick<LinecastEvents, 'slow_operation_detected' | 'critical_slowness_detected'>
    >()
    expectTypeOf<SlowCategory>().toEqualTypeOf<'api' | 'database' | 'external'>()
    expectTypeOf<CronMonitorFields>().toEqualTypeOf<Omit<Shipped<'cron_job_started'>, 'slug'>>()
  })

  it('HTTP line fields are the catalog properties with the request id required', () => {
    expectTypeOf<HttpRequestFields>().toExtend<Shipped<'http_request'>>()
    expectTypeOf<UnhandledErrorFields>().toExtend<Shipped<'unhandled_error'>>()
    expectTypeOf<HttpRequestFields['requestId']>().toEqualTypeOf<string>()
    expectTypeOf<Required<Shipped<'http_request'>>>().toExtend<HttpRequestFields>()
    expectTypeOf<Required<Shipped<'unhandled_error'>>>().toExtend<UnhandledErrorFields>()
  })
})
