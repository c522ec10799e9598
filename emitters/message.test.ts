import { describe, expect, it } from 'vitest'
import { compileMessage } from './message.js'

describe('compileMessage', () => {
  it('fills placeholders from fields', () => {
    const render = compileMessage('Logo generated for {brandId} with {model}', 'logo_generated')
    expect(render({ brandId: 'b_1', model: 'flux-2-pro' }, undefined)).toBe('Logo generated for b_1 with flux-2-pro')
  })

  it('falls back to the context, fields winning', () => {
    const render = compileMessage('{userId} in {requestId}', 'e')
    expect(render({ userId: 'prop' }, { userId: 'ctx', requestId: 'r1' })).toBe('prop in r1')
  })

  it('formats numbers, booleans, objects, nested paths and missing values', () => {
    const render = compileMessage('{n} {b} {o} {o.k} {missing}|', 'e')
    expect(render({ n: 0.5, b: false, o: { k: 'v' } }, undefined)).toBe('0.5 false {"k":"v"} v |')
  })

  it('writes literal braces for {{ and }}', () => {
    expect(compileMessage('{{x}} = {x}', 'e')({ x: 1 }, undefined)).toBe('{x} = 1')
  })

  it('uses the event name without a template, and the text itself without placeholders', () => {
    expect(compileMessage(undefined, 'logo_generated')({}, undefined)).toBe('logo_generated')
    expect(compileMessage('Static text', 'e')({ a: 1 }, undefined)).toBe('Static text')
  })
})

describe('compileMessage caps interpolated values', () => {
  it('cuts each value to the limit with a marker, leaving the template text whole', () => {
    const render = compileMessage('Prompt {prompt} by {user}', 'e', 10)
    expect(render({ prompt: 'x'.repeat(10_000_000), user: 'ada' }, undefined)).toBe(`Prompt ${'x'.repeat(10)}…[+9999990 chars] by ada`)
  })

  it('caps objects by their JSON text too, and leaves short values alone', () => {
    const render = compileMessage('{o}|{s}', 'e', 8)
    expect(render({ o: { k: 'abcdefghij' }, s: 'short' }, undefined)).toBe('{"k":"ab…[+10 chars]|short')
  })
})
