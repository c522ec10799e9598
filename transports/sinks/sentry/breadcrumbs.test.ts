import { describe, expect, it } from 'vitest'
import { BreadcrumbRing } from './breadcrumbs.js'

describe('BreadcrumbRing', () => {
  it('keeps the latest entries, oldest first', () => {
    const ring = new BreadcrumbRing(3)
    for (let i = 1; i <= 5; i++) ring.add({ message: `m${i}` })
    expect(ring.snapshot().map((c) => c.message)).toEqual(['m3', 'm4', 'm5'])
    expect(ring.size).toBe(3)
  })

  it('hands out copies', () => {
    const ring = new BreadcrumbRing(2)
    ring.add({ message: 'a' })
    const [first] = ring.snapshot()
    if (first) first.message = 'changed'
    expect(ring.snapshot()[0]?.message).toBe('a')
  })

  it('keeps nothing with a size of 0', () => {
    const ring = new BreadcrumbRing(0)
    ring.add({ message: 'a' })
    expect(ring.snapshot()).toEqual([])
  })
})
