import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pino from 'pino'
import { createLogger } from '../dist/emitters/index.js'
import { vendorVars } from '../dist/bench/end-to-end.js'
import { startBenchReceiver } from '../dist/bench/receiver.js'
import { catalog, logoProps } from '../dist/bench/transport-catalog.js'
const work = mkdtempSync(join(tmpdir(), 'emit-'))
const receiver = await startBenchReceiver(0, true)
const mode = process.argv[2] ?? 'delivery'
const log = createLogger({ catalog, destination: pino.destination({ dest: '/dev/null', sync: true }), env: 'production', vars: vendorVars('betterstack', receiver),
  ...(mode === 'delivery' ? { delivery: { destinations: ['betterstack'], spoolDir: join(work, 'spool'), deadLetterDir: join(work, 'dead'), handleSignals: false, maxBufferedBytes: Number(process.env.CAP ?? 16777216), alerts: false, diagnostics: 'none', statsIntervalMs: 0 } } : {}) })
const cpu = () => Number((await_read()).split(' ')[0])
import { readFileSync } from 'node:fs'
function await_read() { return readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8') }
const res = []
for (let r = 0; r < 12; r++) {
  const c0 = cpu()
  for (let i = 0; i < 20000; i++) log.emit.logoGenerated(logoProps)
  res.push((cpu() - c0) / 20000)
  await new Promise((r) => setTimeout(r, 50))
}
console.log(mode, res.map(x => x.toFixed(0)).join(' '))
if (mode === "delivery") { const s = await log.deliveryStats(); console.log("overflow", s?.overflow, JSON.stringify(s?.destinations?.betterstack ?? s).slice(0, 300)) }
await log.close?.()
await receiver.close()
