/**
 * Alerts inside the transport worker: every accepted line is observed (off
 * the application's thread); an alert line is written to the worker's output
 * and delivered like any other line, to the destinations the router picks
 * plus the rule's own `to`. Windows live in Redis when a URL is known
 * (`alerts.redisUrl`, else REDIS_URL), else in this process, which the worker
 * says once.
 */
import type { CompiledRouter } from '../../../router/route.js'
import type { CompiledCatalog, Level } from '../../../schema/compiled.js'
import type { LogLine } from '../delivery/types.js'
import { AlertEvaluator } from './evaluate.js'
import type { AlertLine } from './lines.js'
import { MemoryWindowStore } from './memory.js'
import { DEFAULT_PREFIX, RedisWindowStore } from './redis.js'
import type { WindowStore } from './store.js'

/** The worker's `alerts` option (plain data). */
export interface AlertsSettings {
  /** Redis shared by every process writing to the same rules; default REDIS_URL */
  redisUrl?: string
  /** key prefix; default `linecast:alerts:<service>:` */
  prefix?: string
  /** how long values gather before evaluation (ms); default 0: the next turn of the event loop */
  batchMs?: number
}

export interface AlertsHookDeps {
  catalog: CompiledCatalog
  router: CompiledRouter
  /** `false` turns alerts off */
  settings: AlertsSettings | false | undefined
  env: Readonly<Record<string, string | undefined>>
  report(level: Level, msg: string, fields?: Record<string, unknown>): void
  /** the worker's own output */
  write(text: string): void
  /** the worker's destination pipelines by name */
  pipelines: ReadonlyMap<string, { accept(raw: string, line: LogLine): void }>
  /** a store to use instead of the one the settings name (tests) */
  store?: WindowStore
}

export interface AlertsHook {
  observe(line: LogLine): void
  /** evaluates what is pending and releases the store */
  close(): Promise<void>
}

const OFF: AlertsHook = { observe() {}, close: async () => {} }

export function startAlerts(deps: AlertsHookDeps): AlertsHook {
  const { catalog, router, settings, report } = deps
  if (settings === false || Object.keys(catalog.alerts).length === 0) return OFF
  const redisUrl = settings?.redisUrl ?? deps.env.REDIS_URL
  let store = deps.store
  if (store === undefined && redisUrl !== undefined && redisUrl !== '') {
    try {
      store = RedisWindowStore.fromUrl(redisUrl, { prefix: settings?.prefix ?? `${DEFAULT_PREFIX}${catalog.service}:` })
    } catch (error) {
      report('warn', error instanceof Error ? error.message : String(error), { event: 'linecast.alerts_store' })
    }
  }
  if (store === undefined) {
    store = new MemoryWindowStore()
    report('info', 'alert windows are per-process: set REDIS_URL (or the alerts.redisUrl option) so every process shares them', {
      event: 'linecast.alerts_local',
      rules: Object.keys(catalog.alerts).sort(),
    })
  }

  const deliver = ({ line, to }: AlertLine): void => {
    const raw = JSON.stringify(line)
    deps.write(`${raw}\n`)
    for (const name of new Set([...router(line), ...to])) deps.pipelines.get(name)?.accept(raw, line)
  }

  let failures = 0
  const evaluator = new AlertEvaluator({
    catalog,
    router,
    store,
    ...(settings?.batchMs !== undefined ? { batchMs: settings.batchMs } : {}),
    onAlert: deliver,
    onError: (error, rule) => {
      failures++
      // the first failure and then one in a thousand: a Redis outage must not flood the logs
      if (failures !== 1 && failures % 1000 !== 0) return
      report('error', `alert rule "${rule.name}" could not be evaluated: ${error instanceof Error ? error.message : String(error)}`, {
        event: 'linecast.alerts_error',
        rule: rule.name,
        failures,
      })
    },
  })
  return {
    observe: (line) => void evaluator.observe(line),
    close: () => evaluator.close(),
  }
}
