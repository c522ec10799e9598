import { describe, expectTypeOf, it } from 'vitest'
import { createTrack, type BrowserEvents, type Track, type WizardStepCompleted } from '../../generated/events.browser.js'
import type { PostHog } from 'posthog-js'
import type { PostHogLike, TrackerOptions } from '../../emitters/browser/index.js'

const track = createTrack({ collector: '/linecast/events' })
const step = { brandId: 'b_1', step: 'colors', stepIndex: 3, duration_ms: 1200 } as const

describe('generated browser module types', () => {
  it('has one typed helper per browser event', () => {
    expectTypeOf(track).toEqualTypeOf<Track>()
    expectTypeOf(track.wizardStepCompleted).parameter(0).toEqualTypeOf<WizardStepCompleted>()
    expectTypeOf(track.wizardStepCompleted).returns.toEqualTypeOf<Promise<void>>()
    expectTypeOf<keyof BrowserEvents>().toEqualTypeOf<'wizard_completed' | 'wizard_started' | 'wizard_step_completed'>()
  })

  it('accepts a correct call', () => {
    void track.wizardStepCompleted(step)
    void track.wizardStarted({ brandId: 'b_1', entryPoint: 'dashboard' })
  })

  it('rejects a missing, an extra and a mistyped property', () => {
    // @ts-expect-error brandId is missing
    void track.wizardStepCompleted({ step: 'colors', stepIndex: 3, duration_ms: 1 })
    // @ts-expect-error color is not declared
    void track.wizardStepCompleted({ ...step, color: 'red' })
    // @ts-expect-error stepIndex is a number
    void track.wizardStepCompleted({ ...step, stepIndex: '3' })
    // @ts-expect-error step is an enum
    void track.wizardStepCompleted({ ...step, step: 'fonts' })
  })

  it('has no helper for an event the catalog does not mark browser', () => {
    // @ts-expect-error logo_generated is a server and python event
    void track.logoGenerated({})
  })

  it('takes posthog-js and collector options', () => {
    expectTypeOf<TrackerOptions['posthog']>().toEqualTypeOf<PostHogLike | undefined>()
    expectTypeOf<PostHog>().toExtend<PostHogLike>()
    // @ts-expect-error validate is a boolean or a share
    createTrack({ collector: '/c', validate: 'sometimes' })
  })
})
