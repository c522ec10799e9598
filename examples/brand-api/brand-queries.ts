/**
 * The brand store's lookups as database queries: each goes through
 * `trackQuery` (category `database`), so a slow lookup writes a slowness
 * event, as it would against a real database.
 */
import { trackQuery } from 'linecast/monitors'
import type { Brand } from './brands.js'
import type { GenerationDeps } from './deps.js'

type QueryDeps = Pick<GenerationDeps, 'log' | 'brands' | 'thresholds'>

/** The brand, or BrandNotFoundError (answered 404). */
export function findBrand(deps: QueryDeps, id: string): Promise<Brand> {
  return trackQuery('brands.get', () => deps.brands.get(id), { logger: deps.log, thresholds: deps.thresholds })
}

export function updateBrand(deps: QueryDeps, id: string, change: (brand: Brand) => void): Promise<void> {
  return trackQuery('brands.update', () => deps.brands.update(id, change), { logger: deps.log, thresholds: deps.thresholds })
}
