import { describe, expect, it } from 'vitest'
import type { CompiledEvent } from '../schema/compiled.js'
import { compiledEvent } from '../test/support/compiled-catalog.js'
import { fnv1a32 } from './hash.js'
import { isSampledIn, sampleKey } from './sample.js'

const ev = (sample?: number): CompiledEvent =>
  compiledEvent('e', { distinctId: 'userId', ...(sample === undefined ? {} : { sample }) })

describe('fnv1a32', () => {
  it('matches the reference vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5)
    expect(fnv1a32('a')).toBe(0xe40c292c)
    expect(fnv1a32('foobar')).toBe(0xbf9cf968)
  })
})

describe('isSampledIn', () => {
  const line = { level: 'info' as const, time: 't', eventId: 'x', userId: 'u-42' }
  it('keys on the event name and the distinctId value, else the eventId', () => {
    expect(sampleKey(ev(), line)).toBe('e:u-42')
    expect(sampleKey(ev(), { ...line, userId: undefined })).toBe('e:x')
  })
  it('compares the hash against sample * 2^32', () => {
    const h = fnv1a32('e:u-42')
    expect(isSampledIn(ev(h / 2 ** 32 + 1e-9), line)).toBe(true)
    expect(isSampledIn(ev(h / 2 ** 32 - 1e-9), line)).toBe(false)
    expect(isSampledIn(ev(), line)).toBe(true)
  })
})
