/**
 * The example service's own errors. Each has a stable `code` and an HTTP
 * `status`, which linecast's error handler answers with (a 5xx is also
 * written once as `unhandled_error`, and so reaches Sentry by the catalog).
 */
export abstract class ServiceError extends Error {
  abstract readonly code: string
  abstract readonly status: number
}

export class InvalidRequestError extends ServiceError {
  readonly code = 'INVALID_REQUEST'
  readonly status = 400
  override readonly name = 'InvalidRequestError'
}

export class BrandNotFoundError extends ServiceError {
  readonly code = 'BRAND_NOT_FOUND'
  readonly status = 404
  override readonly name = 'BrandNotFoundError'
  constructor(brandId: string) {
    super(`brand ${brandId} does not exist: create it with POST /brands first`)
  }
}

export class RouteNotFoundError extends ServiceError {
  readonly code = 'ROUTE_NOT_FOUND'
  readonly status = 404
  override readonly name = 'RouteNotFoundError'
  constructor(method: string, path: string) {
    super(`no route for ${method} ${path}`)
  }
}

/** The brand-kit storage the export route writes to is down (the demo's failing route). */
export class StorageUnavailableError extends ServiceError {
  readonly code = 'STORAGE_UNAVAILABLE'
  readonly status = 500
  override readonly name = 'StorageUnavailableError'
}

/** The AI provider answered 503; the job retries. */
export class ProviderUnavailableError extends ServiceError {
  readonly code = 'PROVIDER_UNAVAILABLE'
  readonly status = 503
  override readonly name = 'ProviderUnavailableError'
}
