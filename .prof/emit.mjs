import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { emitVersusPino } from '../dist/bench/end-to-end.js'
import { startBenchReceiver } from '../dist/bench/receiver.js'
const work = mkdtempSync(join(tmpdir(), 'emit-'))
const receiver = await startBenchReceiver(0, true)
const rs = []
for (let r = 0; r < Number(process.argv[2] ?? 5); r++) { const e = await emitVersusPino(50000, receiver, work); rs.push(e); console.log(`wall ${(e.linecast / e.pino).toFixed(2)} cpu ${(e.linecastCpu / e.pinoCpu).toFixed(2)}  lc ${e.linecastCpu.toFixed(0)} pino ${e.pinoCpu.toFixed(0)}`) }
await receiver.close()
