/** What the service's parts are handed: the logger and the catalog's tables, never globals. */
import type { CompiledCatalog, LinecastLogger } from 'linecast'
import type { LinecastEvents } from '../../generated/events.js'
import type { FakeAIProvider } from './ai-provider.js'
import type { BrandStore } from './brands.js'

/** The logger `createLogger({ catalog })` returns for the shipped catalog. */
export type BrandLog = LinecastLogger<LinecastEvents>

export interface GenerationDeps {
  log: BrandLog
  provider: FakeAIProvider
  brands: BrandStore
  /** `catalog.compiled.pricing`: turns tokens and media into USD */
  pricing: CompiledCatalog['pricing']
  /** `catalog.compiled.thresholds`: when a call counts as slow */
  thresholds: CompiledCatalog['thresholds']
}
