/**
 * The last N warn lines, kept as Sentry breadcrumbs: a bounded ring that
 * every following event copies (as the SDK's scope would), oldest first.
 */
import type { Breadcrumb } from '@sentry/node'

export class BreadcrumbRing {
  readonly #max: number
  #items: Breadcrumb[] = []

  constructor(max: number) {
    this.#max = Math.max(0, Math.floor(max))
  }

  add(crumb: Breadcrumb): void {
    if (this.#max === 0) return
    this.#items.push(crumb)
    if (this.#items.length > this.#max) this.#items.splice(0, this.#items.length - this.#max)
  }

  /** A copy, oldest first. */
  snapshot(): Breadcrumb[] {
    return this.#items.map((crumb) => ({ ...crumb }))
  }

  get size(): number {
    return this.#items.length
  }
}
