import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { workerAlone } from '../dist/bench/end-to-end.js'
import { startBenchReceiver } from '../dist/bench/receiver.js'
const work = mkdtempSync(join(tmpdir(), 'alone-'))
const plain = await startBenchReceiver()
const n = Number(process.argv[2] ?? 50000)
for (let r = 0; r < 5; r++) console.log((await workerAlone(n, plain, work)).toFixed(0))
await plain.close()
