/**
 * The glue between `createLogger` and the transports: opens the transport
 * worker for a catalog and gives the logger one destination stream that
 * feeds the worker. With `stdout`, the worker also writes every line to
 * stdout (for a log agent), a block at a time, so the application's thread
 * makes no write per line. Control lines (flush, stats) never reach stdout.
 */
import type { DestinationStream } from 'pino'
import type { CompiledCatalog } from '../schema/compiled.js'
import type { Catalog } from '../schema/define.js'
import { openTransport, type DeliveryStats, type FlushResult, type LinecastTransport, type TransportOptions } from '../transports/main/open-transport.js'

export interface DeliveryOptions extends Omit<TransportOptions, 'catalog'> {
  /** the generated catalog or its compiled form; omit when `catalogPath` is given */
  catalog?: Catalog<object> | CompiledCatalog
  /** also write every line to stdout (from the worker thread); default false */
  stdout?: boolean
}

export interface Delivery {
  /** pass to createLogger({ destination }) */
  readonly destination: DestinationStream
  /** resolves once every line written before it is delivered, or at the budget spooled; says what is pending where */
  flush(): Promise<FlushResult>
  /** deliver within the one budget, spool the rest, stop the worker */
  close(): Promise<FlushResult>
  stats(): Promise<DeliveryStats>
  readonly transport: LinecastTransport
}

function compiledOf(catalog: DeliveryOptions['catalog']): CompiledCatalog | undefined {
  if (catalog === undefined) return undefined
  return 'compiled' in catalog ? catalog.compiled : catalog
}

export function openDelivery(options: DeliveryOptions): Delivery {
  const { catalog, stdout, ...rest } = options
  const compiled = compiledOf(catalog)
  const transport = openTransport({ ...rest, ...(stdout === true ? { copyToStdout: true } : {}), ...(compiled === undefined ? {} : { catalog: compiled }) })
  return {
    destination: transport.stream,
    transport,
    stats: () => transport.stats(),
    flush: () => transport.flush(),
    close: () => transport.close(),
  }
}
