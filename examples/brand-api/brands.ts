/** The brands the service knows, in memory (a real service keeps them in its database). */
import { randomUUID } from 'node:crypto'
import { BrandNotFoundError } from './errors.js'

export interface Brand {
  id: string
  ownerId: string | undefined
  name: string
  industry: string
  createdAt: string
  nameIdeas: string[]
  palette: string[]
  logos: string[]
  videos: string[]
}

export interface NewBrand {
  ownerId: string | undefined
  name: string
  industry: string
}

export class BrandStore {
  readonly #brands = new Map<string, Brand>()
  readonly #newId: () => string

  constructor(newId: () => string = () => `b_${randomUUID().slice(0, 8)}`) {
    this.#newId = newId
  }

  create(input: NewBrand): Brand {
    const brand: Brand = { ...input, id: this.#newId(), createdAt: new Date().toISOString(), nameIdeas: [], palette: [], logos: [], videos: [] }
    this.#brands.set(brand.id, brand)
    return brand
  }

  /** The brand, or BrandNotFoundError (answered 404). */
  get(id: string): Brand {
    const brand = this.#brands.get(id)
    if (brand === undefined) throw new BrandNotFoundError(id)
    return brand
  }

  update(id: string, change: (brand: Brand) => void): void {
    change(this.get(id))
  }

  get size(): number {
    return this.#brands.size
  }
}
