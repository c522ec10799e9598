import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { DestinationSettingsError, LineEncodeError } from './errors.js'

describe('errors', () => {
  const errors = [new DestinationSettingsError('logs', 'betterstack', [{ path: 'token', message: 'missing' }]), new LineEncodeError('product', 'e-1', 'bad time')]

  it('carry stable codes that the README lists', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8')
    for (const error of errors) expect(readme).toContain(`\`${error.code}\``)
    expect(errors.map((e) => e.code)).toEqual(['DESTINATION_SETTINGS_INVALID', 'LINE_NOT_ENCODABLE'])
  })

  it('say what to fix', () => {
    expect(errors[0]!.message).toBe(
      'destination "logs" (betterstack) has invalid settings; fix them under destinations.logs in the catalog:\n  - token: missing',
    )
    expect(errors[1]!.message).toBe('destination "product" cannot take line e-1: bad time')
  })
})
