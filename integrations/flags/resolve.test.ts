import { describe, expect, it } from 'vitest'
import type { FlagSpec } from '../../schema/compiled.js'
import { resolveFlag } from './resolve.js'

const bool: FlagSpec = { name: 'fast', helper: 'fast', description: 'x', default: false }
const multi: FlagSpec = { name: 'wiz', helper: 'wiz', description: 'x', variants: ['control', 'test'], default: 'control' }

describe('resolveFlag', () => {
  it('types a boolean flag by `enabled`', () => {
    expect(resolveFlag(bool, { enabled: true, variant: undefined })).toEqual({ value: true })
    expect(resolveFlag(bool, { enabled: false, variant: undefined })).toEqual({ value: false })
  })

  it('gives a declared variant, and the default when the flag is off for the user', () => {
    expect(resolveFlag(multi, { enabled: true, variant: 'test' })).toEqual({ value: 'test' })
    expect(resolveFlag(multi, { enabled: false, variant: undefined })).toEqual({ value: 'control' })
  })

  it('falls back on no result or an undeclared variant', () => {
    expect(resolveFlag(bool, undefined)).toEqual({ fallback: 'no-value' })
    expect(resolveFlag(multi, { enabled: true, variant: 'test-b' })).toEqual({ fallback: 'undeclared-variant', got: 'test-b' })
    expect(resolveFlag(multi, { enabled: true, variant: undefined })).toEqual({ fallback: 'undeclared-variant' })
  })
})
