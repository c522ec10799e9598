/**
 * The least a database handle must offer for linecast's SQL (migrations, cost
 * queries): a pg Pool, Client or PoolClient and a PGlite instance all fit.
 */
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[] }>
}
