/**
 * The glue between `createLogger` and the transports: opens the transport
 * worker for a catalog and gives the logger one destination stream that
 * feeds the worker and, optionally, stdout (for a log agent). Control lines
 * (flush, stats) go to the worker directly, never to stdout.
 */
import pino, { type DestinationStream } from 'pino'
import type { CompiledCatalog } from '../schema/compiled.js'
import type { Catalog } from '../schema/define.js'
import { openTransport, type DeliveryStats, type FlushResult, type LinecastTransport, type TransportOptions } from '../transports/main/open-transport.js'

export interface DeliveryOptions extends Omit<TransportOptions, 'catalog'> {
  /** the generated catalog or its compiled form; omit when `catalogPath` is given */
  catalog?: Catalog<object> | CompiledCatalog
  /** also write every line to stdout; default false */
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
  const transport = openTransport({ ...rest, ...(compiled === undefined ? {} : { catalog: compiled }) })
  let destination: DestinationStream = transport.stream
  let closeStdout = (): void => undefined
  if (stdout === true) {
    const out = pino.destination({ fd: 1, sync: false })
    closeStdout = () => out.flushSync()
    destination = {
      write(chunk: string): void {
        out.write(chunk)
        transport.stream.write(chunk)
      },
    }
  }
  return {
    destination,
    transport,
    stats: () => transport.stats(),
    async flush() {
      closeStdout()
      return transport.flush()
    },
    async close() {
      closeStdout()
      return transport.close()
    },
  }
}
