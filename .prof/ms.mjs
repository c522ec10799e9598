import { readFileSync } from 'node:fs'
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const byId = new Map(p.nodes.map(n => [n.id, n])); const self = new Map()
for (let i = 0; i < p.samples.length; i++) { const n = byId.get(p.samples[i]); const cf = n.callFrame; const k = `${cf.functionName || '(anon)'} ${cf.url.split('/').slice(-2).join('/')}:${cf.lineNumber}`; self.set(k, (self.get(k) ?? 0) + (p.timeDeltas[i] ?? 0)) }
let tot = 0; for (const [k, t] of self) if (!k.startsWith('(idle)')) tot += t
console.log('busy ms', (tot / 1000).toFixed(0))
for (const [k, t] of [...self].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 30))) console.log((t / 1000).toFixed(0).padStart(6), k)
