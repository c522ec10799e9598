import { benchLines } from '../dist/bench/transport-catalog.js'
import { spliceField } from '../dist/transports/sinks/http/splice.js'
import { jsonArray } from '../dist/transports/sinks/http/client.js'
const lines = benchLines('logo_generated', 1000).map((l) => l.slice(0, -1))
const t = (name, f) => { for (let w = 0; w < 50; w++) f(); const s = process.hrtime.bigint(); for (let r = 0; r < 200; r++) f(); console.log(name, (Number(process.hrtime.bigint() - s) / 200 / 1000).toFixed(1), 'ns/line') }
t('splice+join', () => jsonArray(lines.map((l) => spliceField(l, 'dt', '2026-12-05T06:00:00.000Z'))))
t('splice+join+Buffer', () => Buffer.from(jsonArray(lines.map((l) => spliceField(l, 'dt', '2026-12-05T06:00:00.000Z')))))
t('join+Buffer', () => Buffer.from(jsonArray(lines)))
t('Buffer direct', () => { let size = 2; for (const l of lines) size += Buffer.byteLength(l) + 40; const b = Buffer.allocUnsafe(size); let o = 0; b[o++] = 91; for (const l of lines) { o += b.write(l, o) ; o--; o += b.latin1Write(',"dt":"2026-12-05T06:00:00.000Z"},', o) } b[o - 1] = 93; return b.subarray(0, o) })
t('Buffer direct latin1 len', () => { let size = 2; for (const l of lines) size += l.length*3 + 40; const b = Buffer.allocUnsafe(size); let o = 0; b[o++] = 91; for (const l of lines) { o += b.utf8Write(l, o) ; o--; o += b.latin1Write(',"dt":"2026-12-05T06:00:00.000Z"},', o) } b[o - 1] = 93; return b.subarray(0, o) })
const arr = (items) => { let cap = 2; for (const s of items) cap += s.length; cap = cap * 3 + 2; const b = Buffer.allocUnsafe(cap); let o = 1; b[0] = 91; for (const s of items) { o += b.utf8Write(s, o); b[o++] = 44 } if (items.length === 0) o++; b[o - 1] = 93; return b.subarray(0, o) }
t('splice + arr', () => arr(lines.map((l) => spliceField(l, 'dt', '2026-12-05T06:00:00.000Z'))))
t('arr raw', () => arr(lines))
const sp = lines.map((l) => spliceField(l, 'dt', '2026-12-05T06:00:00.000Z'))
console.log(JSON.stringify(JSON.parse(arr(sp).toString())) === JSON.stringify(JSON.parse(jsonArray(sp))))
const { jsonBody } = await import('../dist/transports/sinks/http/json-body.js')
t('jsonBody spliced', () => jsonBody(lines.map((l) => spliceField(l, 'dt', '2026-12-05T06:00:00.000Z'))))
