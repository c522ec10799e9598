import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startRuntime } from '../dist/transports/worker/runtime.js'
import { vendorVars } from '../dist/bench/end-to-end.js'
import { startBenchReceiver } from '../dist/bench/receiver.js'
import { benchLines, compiled } from '../dist/bench/transport-catalog.js'
const work = mkdtempSync(join(tmpdir(), 'alone-'))
const receiver = await startBenchReceiver()
const n = Number(process.argv[2] ?? 50000)
const lines = benchLines('logo_generated', n).map((l) => l.slice(0, -1))
const dest = process.argv[3] ?? 'betterstack'
const rates = [], cpus = []
for (let r = 0; r < 11; r++) {
  const c0 = process.cpuUsage()
  const dir = mkdtempSync(join(work, 'w-'))
  const runtime = await startRuntime(
    { catalog: compiled, destinations: [dest], env: vendorVars(dest, receiver), spoolDir: join(dir, 'spool'), deadLetterDir: join(dir, 'dead'), diagnostics: 'none', alerts: false, statsIntervalMs: 0, budgetMs: 600_000 },
    { post: () => undefined, write: () => undefined },
  )
  const start = process.hrtime.bigint()
  for (let i = 0; i < lines.length; i++) {
    runtime.accept(lines[i])
    if (i % 1000 === 999) await new Promise((resolve) => setImmediate(resolve))
  }
  await runtime.flush()
  const s = Number(process.hrtime.bigint() - start) / 1e9
  await runtime.shutdown()
  const c = process.cpuUsage(c0); rates.push(n / s); cpus.push((c.user + c.system) / n * 1000)
}
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
console.log('median lines/s', med(rates).toFixed(0), 'cpu ns/line', med(cpus).toFixed(0))
// floor
const { Readable } = await import('node:stream'); const split2 = (await import('split2')).default
const text = lines.map(l => l + '\n').join('')
const fl = []; for (let r = 0; r < 5; r++) { const st = process.hrtime.bigint(); let c = 0; await new Promise((res) => Readable.from([text]).pipe(split2(JSON.parse)).on('data', () => c++).on('end', res)); fl.push(c / (Number(process.hrtime.bigint() - st) / 1e9)) }
console.log('floor', med(fl).toFixed(0), 'ratio', (med(rates)/med(fl)).toFixed(2))
await receiver.close()
