import { describe, expect, it } from 'vitest'
import { EnvelopeWindow } from './window.js'

describe('EnvelopeWindow', () => {
  it('grants up to its size, then hands each released slot to the next waiter in order', async () => {
    const window = new EnvelopeWindow(2)
    const a = await window.acquire()
    const b = await window.acquire()
    const order: string[] = []
    const c = window.acquire().then((release) => (order.push('c'), release))
    const d = window.acquire().then((release) => (order.push('d'), release))
    expect(window.inUse).toBe(2)
    a?.()
    a?.() // a second release of the same slot changes nothing
    const releaseC = await c
    expect(order).toEqual(['c'])
    b?.()
    await d
    expect(order).toEqual(['c', 'd'])
    expect(window.inUse).toBe(2)
    releaseC?.()
    expect(window.inUse).toBe(1)
  })

  it('gives up waiting when the signal aborts, and the slot goes to no one', async () => {
    const window = new EnvelopeWindow(1)
    const held = await window.acquire()
    const controller = new AbortController()
    const waiting = window.acquire(controller.signal)
    controller.abort()
    expect(await waiting).toBeUndefined()
    held?.()
    expect(window.inUse).toBe(0)
  })
})
