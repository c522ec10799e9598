import { describe, expect, it } from 'vitest'
import { classifyPgError } from './pg-errors.js'

function pgError(code: string | undefined, message = 'boom'): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code })
}

describe('Postgres error classification', () => {
  it.each([
    ['57P01', 'retry'],
    ['08006', 'retry'],
    ['08001', 'retry'],
    ['40001', 'retry'],
    ['53300', 'retry'],
    ['22001', 'data'],
    ['22007', 'data'],
    ['22P05', 'data'],
    ['23502', 'data'],
    ['23514', 'data'],
    ['42P01', 'missingTable'],
    ['3F000', 'missingTable'],
    ['28P01', 'refused'],
    ['42501', 'refused'],
    ['42703', 'refused'],
    ['ECONNREFUSED', 'retry'],
    ['ECONNRESET', 'retry'],
  ])('SQLSTATE or errno %s is %s', (code, type) => {
    expect(classifyPgError(pgError(code)).type).toBe(type)
  })

  it('retries a dropped connection that carries no code', () => {
    expect(classifyPgError(pgError(undefined, 'Connection terminated unexpectedly'))).toEqual({
      type: 'retry',
      reason: 'Connection terminated unexpectedly',
    })
  })

  it('says loudly what to fix when the table does not match or access is denied', () => {
    expect(classifyPgError(pgError('42703', 'column "metadata" does not exist'))).toEqual({
      type: 'refused',
      loud: true,
      reason: 'column "metadata" does not exist (SQLSTATE 42703): the table does not match schema/sql/audit_log.sql',
    })
    expect(classifyPgError(pgError('42501'))).toMatchObject({ loud: true, reason: expect.stringMatching(/grants/) })
  })
})
