import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { CompiledEvent } from './compiled.js'
import { rawPiiPaths, writtenEventSchema } from './line-schema.js'
import { piiPaths } from './pii.js'

const properties: CompiledEvent['properties'] = {
  email: { type: 'string', format: 'email', pii: 'hash' },
  seats: { type: 'integer', min: 1 },
  apiKey: { type: 'string', optional: true },
  customer: { type: 'object', properties: { phone: { type: 'string', pii: 'redact' }, country: { type: 'string' } } },
  emails: { type: 'array', items: { type: 'string', pii: 'hash' }, optional: true },
}
const event = { properties, pii: piiPaths(properties) }
const hash = createHmac('sha256', 'k').update('ada@example.com').digest('hex')
const isSecretKey = (key: string): boolean => key === 'apiKey'

describe('the schema of a written line', () => {
  it('takes hashes where the catalog hashes, [REDACTED] where it redacts or a key is secret', () => {
    const schema = writtenEventSchema(event, isSecretKey)
    expect(schema.safeParse({ email: hash, seats: 2, apiKey: '[REDACTED]', customer: { phone: '[REDACTED]', country: 'FR' }, emails: [hash] }).success).toBe(true)
    expect(schema.safeParse({ email: '[REDACTED]', seats: 2, customer: { phone: '[REDACTED]', country: 'FR' } }).success).toBe(true)
  })

  it('keeps the catalog\'s rules for everything else', () => {
    const schema = writtenEventSchema(event, isSecretKey)
    const issues = (value: unknown) => {
      const r = schema.safeParse(value)
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.code}`)
    }
    expect(issues({ email: hash, seats: 0, customer: { phone: '[REDACTED]', country: 'FR' } })).toEqual(['seats:too_small'])
    expect(issues({ email: hash, seats: 1, customer: { phone: '[REDACTED]', country: 'FR', zip: 1 } })).toEqual(['customer:unrecognized_keys'])
    expect(issues({ email: hash, seats: 1, customer: { phone: '[REDACTED]', country: 'FR' }, extra: 1 })).toEqual([':unrecognized_keys'])
  })

  it('finds PII written raw at any depth', () => {
    expect(rawPiiPaths(event, { email: hash, customer: { phone: '[REDACTED]' }, emails: [hash, null] })).toEqual([])
    expect(rawPiiPaths(event, { email: 'ada@example.com', customer: { phone: '+33 1 23' }, emails: [hash, 'bo@example.com'] })).toEqual([
      'email',
      'emails[]',
      'customer.phone',
    ])
  })
})
