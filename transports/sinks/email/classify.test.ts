import { describe, expect, it } from 'vitest'
import { classifySmtpError } from './classify.js'

const smtp = (responseCode: number, response: string, code = 'EMESSAGE') => Object.assign(new Error(response), { responseCode, response, code })

describe('classifySmtpError', () => {
  it('retries 421 and other 4xx replies', () => {
    expect(classifySmtpError(smtp(421, '421 Service not available'))).toEqual({ type: 'retry', reason: 'SMTP 421: 421 Service not available' })
    expect(classifySmtpError(smtp(451, '451 Try again later')).type).toBe('retry')
    expect(classifySmtpError(smtp(452, '452 Insufficient storage', 'EENVELOPE')).type).toBe('retry')
  })

  it('rejects 5xx replies', () => {
    expect(classifySmtpError(smtp(550, '550 Mailbox unavailable', 'EENVELOPE'))).toEqual({ type: 'reject', reason: 'SMTP 550: 550 Mailbox unavailable' })
    expect(classifySmtpError(smtp(554, '554 Transaction failed'))).toMatchObject({ type: 'reject' })
  })

  it('rejects authentication failures loudly', () => {
    expect(classifySmtpError(smtp(535, '535 Authentication failed', 'EAUTH'))).toEqual({ type: 'reject', reason: 'SMTP 535: 535 Authentication failed', loud: true })
    expect(classifySmtpError(smtp(530, '530 Authentication required'))).toMatchObject({ type: 'reject', loud: true })
    expect(classifySmtpError(Object.assign(new Error('Missing credentials for "PLAIN"'), { code: 'EAUTH' }))).toMatchObject({ type: 'reject', loud: true })
  })

  it('retries connection failures', () => {
    for (const code of ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS']) {
      expect(classifySmtpError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code }))).toEqual({
        type: 'retry',
        reason: `SMTP ${code}: connect ECONNREFUSED 127.0.0.1:1`,
      })
    }
    expect(classifySmtpError('boom')).toEqual({ type: 'retry', reason: 'SMTP error: boom' })
  })
})
