import { describe, expect, it } from 'vitest'
import { sampleCompiled } from '../../test/cli/fixtures/sample-compiled.js'
import { exampleLine } from './example-line.js'
import { exampleObject } from './example-values.js'

describe('exampleLine', () => {
  it('shows PII as the logger writes it: hashed to 64 hex characters, or [REDACTED]', () => {
    const compiled = sampleCompiled()
    const event = compiled.events['logo_generated']
    if (event === undefined) throw new Error('fixture lacks logo_generated')
    const raw = exampleObject(event.properties) as { owner: { email: string } }
    const line = exampleLine(compiled, event) as { prompt: unknown; owner: { email: string } }
    expect(line.prompt).toBe('[REDACTED]')
    expect(line.owner.email).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(line)).not.toContain(raw.owner.email)
  })
})
