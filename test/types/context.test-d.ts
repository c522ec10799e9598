/**
 * The root `withContext` and `getContext` are typed by the catalog's context
 * fields: `generated/events.ts` (in this program) augments `ContextFields`
 * with the shipped catalog's `context: [requestId, userId, tenantId, brandId, jobId]`.
 */
import { describe, expectTypeOf, it } from 'vitest'
import { getContext, withContext, type ContextInput } from '../../index.js'
import type { LinecastContext } from '../../generated/events.js'

describe('typed context', () => {
  it('takes the catalog context fields, any subset, and returns what fn returns', () => {
    expectTypeOf(withContext({ requestId: 'r_1', userId: 'u_1' }, () => 42)).toEqualTypeOf<number>()
    expectTypeOf(withContext({}, async () => 'done')).toEqualTypeOf<Promise<string>>()
    expectTypeOf<ContextInput>().toEqualTypeOf<{ readonly [K in keyof LinecastContext]?: LinecastContext[K] }>()
  })

  it('rejects a misspelt field', () => {
    // @ts-expect-error requestID is not a context field (requestId is)
    withContext({ requestID: 'r_1' }, () => undefined)
    // @ts-expect-error churchId is not a context field of this catalog
    withContext({ requestId: 'r_1', churchId: 'c_1' }, () => undefined)
  })

  it('rejects a mistyped field', () => {
    // @ts-expect-error a context field of the plain list form takes a string, number or boolean
    withContext({ tenantId: { id: 't_1' } }, () => undefined)
    // @ts-expect-error not an object of fields
    withContext('r_1', () => undefined)
  })

  it('reads the fields back typed', () => {
    expectTypeOf(getContext().requestId).toEqualTypeOf<string | number | boolean | undefined>()
  })
})
