/** `linecast/audit-log`: create the audit_log table, and ask it about AI spend. */
export {
  costBy,
  costPerDay,
  costPerModel,
  costTotals,
  CostQueryError,
  topSpenders,
  type CostGroup,
  type CostWindow,
  type CostTotals,
  type DailyCost,
  type ModelCost,
  type Queryable,
  type Spender,
} from './cost-queries.js'
export { migrateAuditLog, type MigrateOptions, type MigrateResult, type MigrateTarget } from './migrate.js'
