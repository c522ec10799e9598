// A producer process in stream mode: writes `count` order_placed lines (eventIds `<prefix><n>`)
// through the transport in bursts of 100 lines PAUSE ms apart (default 15), then flushes and closes.
// Usage: node producer.mjs CATALOG PREFIX COUNT [PAUSE]
import { openTransport } from '../../dist/transports/main/open-transport.js'

const [catalogPath, prefix, count, pause] = process.argv.slice(2)
const transport = openTransport({ catalogPath, handleSignals: false, diagnostics: 'none', spoolDir: `.linecast/spool-${prefix}`, deadLetterDir: `.linecast/dead-letter-${prefix}` })
const total = Number(count)
for (let i = 0; i < total; i++) {
  const eventId = `${prefix}${String(i).padStart(12, '0')}`
  const line = { level: 'info', time: new Date().toISOString(), service: 'stream-test', eventId, event: 'order_placed', kind: 'audit', orderId: `o-${prefix}-${i}`, n: i, msg: `order ${i}` }
  transport.stream.write(`${JSON.stringify(line)}\n`)
  if (i % 100 === 99) await new Promise((resolve) => setTimeout(resolve, Number(pause ?? 15)))
}
await transport.flush()
await transport.close()
