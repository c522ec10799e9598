import { readFileSync } from 'node:fs'
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const want = process.argv[3]
const byId = new Map(p.nodes.map(n => [n.id, n])); const parent = new Map()
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const counts = new Map(); for (let i = 0; i < p.samples.length; i++) counts.set(p.samples[i], (counts.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0))
const agg = new Map(); let total = 0
for (const [id, t] of counts) { total += t; const n = byId.get(id); const name = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`; if (!name.startsWith(want)) continue
  let chain = []; let cur = parent.get(id); for (let d = 0; d < 4 && cur !== undefined; d++) { const c = byId.get(cur).callFrame; chain.push(`${c.functionName || '(anon)'}:${c.url.split('/').slice(-1)[0]}:${c.lineNumber}`); cur = parent.get(cur) }
  const k = chain.join(' < '); agg.set(k, (agg.get(k) ?? 0) + t) }
for (const [k, t] of [...agg].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log((100 * t / total).toFixed(1).padStart(5), k)
