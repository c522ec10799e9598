import pino from 'pino'
import { readFileSync } from 'node:fs'
import { HandOff } from '../dist/transports/main/hand-off.js'
import { benchLines } from '../dist/bench/transport-catalog.js'
const cpu = () => Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0])
const lines = benchLines('logo_generated', 20000)
const t = pino.transport({ target: new URL('./sink-worker.mjs', import.meta.url).pathname })
await new Promise((r) => t.once('ready', r))
const mode = process.argv[2]
let h
if (mode === 'join') h = new HandOff((block) => t.write(block))
const res = []
for (let r = 0; r < 10; r++) {
  const c0 = cpu()
  if (mode === 'join') for (const l of lines) h.add(l)
  else if (mode === 'buf') { let buf = Buffer.allocUnsafe(128 * 1024); let at = 0; for (const l of lines) { if (buf.length - at < l.length * 3) { t.write(buf.subarray(0, at)); buf = Buffer.allocUnsafe(128 * 1024); at = 0 } at += buf.write(l, at) } t.write(buf.subarray(0, at)) }
  else if (mode === 'none') for (const l of lines) { }
  res.push((cpu() - c0) / lines.length)
  await new Promise((r) => setTimeout(r, 300))
}
console.log(mode, res.map((x) => x.toFixed(0)).join(' '))
t.end()
