/**
 * ns per line of `log.emit.<event>(obj)` (typed, validated, redacted) against
 * raw `pino.info(obj)` of the same object, both to /dev/null through
 * sonic-boom, measured in one run: warmup, then interleaved rounds, median.
 * Time is the process's CPU time (user + system), so other load on the
 * machine does not land in the figures the way wall time would.
 *
 *   npm run build && node dist/bench/emit.js [--rounds 11] [--calls 10000]
 *
 * Target: emit within 1.5x of raw pino.
 */
import { randomUUID } from 'node:crypto'
import pino from 'pino'
import { z } from 'zod'
import type { CompiledCatalog, CompiledEvent } from '../schema/compiled.js'
import { defineCatalog } from '../schema/define.js'
import { createLogger, maskString, withContext } from '../emitters/index.js'
import { enableOtelContext, inSpan } from './otel-context.js'

interface BenchEvents {
  logo_generated: { brandId: string; jobId: string; model: 'flux-2-pro' | 'ideogram-3'; duration_ms: number; cost: number }
  user_signed_up: { userId: string; email: string; plan: 'free' | 'pro' }
}

function event(e: Pick<CompiledEvent, 'name' | 'helper' | 'properties'> & Partial<CompiledEvent>): CompiledEvent {
  return { kind: 'analytics', description: e.name, level: 'info', version: 1, to: [], pii: { hash: [], redact: [], keep: [] }, ...e }
}

const compiled: CompiledCatalog = {
  catalog: 1,
  service: 'bmn-api',
  redact: [],
  context: ['requestId', 'userId'],
  destinations: {},
  routes: {},
  pricing: {},
  alerts: {},
  flags: {},
  thresholds: {},
  events: {
    logo_generated: event({
      name: 'logo_generated',
      helper: 'logoGenerated',
      message: 'Logo generated for {brandId} with {model}',
      properties: {
        brandId: { type: 'string' },
        jobId: { type: 'string' },
        model: { type: 'enum', values: ['flux-2-pro', 'ideogram-3'] },
        duration_ms: { type: 'integer' },
        cost: { type: 'number' },
      },
    }),
    user_signed_up: event({
      name: 'user_signed_up',
      helper: 'userSignedUp',
      properties: {
        userId: { type: 'string' },
        email: { type: 'string', pii: 'hash' },
        plan: { type: 'enum', values: ['free', 'pro'] },
      },
      pii: { hash: ['email'], redact: [], keep: [] },
    }),
  },
}

const logoSchema = z
  .object({
    brandId: z.string(),
    jobId: z.string(),
    model: z.enum(['flux-2-pro', 'ideogram-3']),
    duration_ms: z.number().int(),
    cost: z.number(),
  })
  .strict()

const catalog = defineCatalog<BenchEvents>(compiled, {
  logo_generated: logoSchema,
  user_signed_up: z.object({ userId: z.string(), email: z.string(), plan: z.enum(['free', 'pro']) }).strict(),
})

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN
  return Number.isFinite(v) && v > 0 ? v : fallback
}

const ROUNDS = arg('rounds', 11)
const CALLS = arg('calls', 10_000)

const dest = pino.destination({ dest: '/dev/null', sync: true })
const raw = pino(
  {
    base: { service: 'bmn-api', env: 'production' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  },
  dest,
)
const log = createLogger({ catalog, destination: dest, env: 'production', piiKey: 'bench-key' })
// the trace stamp reads the active span through @opentelemetry/api's global context manager
enableOtelContext()
const untraced = createLogger({ catalog, destination: dest, env: 'production', piiKey: 'bench-key', trace: false })

const logo = { brandId: 'b_1', jobId: 'job_123', model: 'flux-2-pro', duration_ms: 840, cost: 0.06 } as const
const signup = { userId: 'u_42', email: 'ada@example.com', plan: 'pro' } as const
const emails = Array.from({ length: 50_000 }, (_, i) => `user${i}@example.com`)
let next = 0

const cases: Record<string, () => void> = {
  'raw pino.info(logo)': () => raw.info(logo),
  'log.emit.logoGenerated(logo)': () => log.emit.logoGenerated(logo),
  // what pino alone pays to write the fields an emit line carries (eventId, event, kind, msg)
  'raw pino.info(logo + the emit line fields)': () =>
    raw.info({ eventId: randomUUID(), event: 'logo_generated', kind: 'analytics', ...logo }, 'Logo generated for b_1 with flux-2-pro'),
  "log.emit('logo_generated', logo)": () => log.emit('logo_generated', logo),
  'raw pino.info(signup)': () => raw.info(signup),
  'log.emit.userSignedUp (hashed email, repeated)': () => log.emit.userSignedUp(signup),
  'log.emit.userSignedUp (hashed email, always new)': () =>
    log.emit.userSignedUp({ userId: 'u_42', email: emails[next++ % emails.length] as string, plan: 'pro' }),
  'log.info(logo) through linecast': () => log.info(logo),
  // timed inside one withContext, as in a request handler
  'log.emit.logoGenerated in withContext': () => log.emit.logoGenerated(logo),
  // trace stamp: no hook at all (as without @opentelemetry/api), and a span active (timed inside it)
  'log.emit.logoGenerated, trace hook off': () => untraced.emit.logoGenerated(logo),
  'log.emit.logoGenerated in an active span': () => log.emit.logoGenerated(logo),
  'zod safeParse(logo)': () => logoSchema.safeParse(logo),
  "zod ['~standard'].validate(logo)": () => logoSchema['~standard'].validate(logo),
  'crypto.randomUUID()': () => randomUUID(),
  'maskString(short string)': () => maskString('flux-2-pro'),
}

/** CPU ns per call */
function timeOnce(fn: () => void, n: number): number {
  if (fn === cases['log.emit.logoGenerated in withContext']) {
    return withContext({ requestId: 'req_1', userId: 'u_1' }, () => timeLoop(fn, n))
  }
  if (fn === cases['log.emit.logoGenerated in an active span']) {
    return inSpan('4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7', () => timeLoop(fn, n))
  }
  return timeLoop(fn, n)
}

function timeLoop(fn: () => void, n: number): number {
  const start = process.cpuUsage()
  for (let i = 0; i < n; i++) fn()
  const used = process.cpuUsage(start)
  return ((used.user + used.system) * 1000) / n
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = s.length >> 1
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2
}

const names = Object.keys(cases)
const samples = new Map<string, number[]>(names.map((n) => [n, []]))
for (const n of names) timeOnce(cases[n] as () => void, CALLS)
for (let r = 0; r < ROUNDS; r++) {
  // rotate the order so no case always runs first or last in a round
  for (let j = 0; j < names.length; j++) {
    const n = names[(j + r) % names.length] as string
    samples.get(n)?.push(timeOnce(cases[n] as () => void, CALLS))
  }
}

const med = new Map(names.map((n) => [n, median(samples.get(n) ?? [])]))
const m = (n: string): number => med.get(n) ?? NaN
const out: string[] = []
out.push(`linecast emit benchmark: ${ROUNDS} interleaved rounds x ${CALLS} calls, median CPU ns per call (/dev/null, sonic-boom sync)`)
for (const n of names) out.push(`  ${n.padEnd(52)} ${m(n).toFixed(0).padStart(7)} ns`)
const ratio = (a: string, b: string): string => (m(a) / m(b)).toFixed(2)
out.push('ratios against raw pino.info of the same object (target: emit <= 1.50x):')
out.push(`  emit (typed helper)                 ${ratio('log.emit.logoGenerated(logo)', 'raw pino.info(logo)')}x`)
out.push(`  emit (keyed by name)                ${ratio("log.emit('logo_generated', logo)", 'raw pino.info(logo)')}x`)
out.push(`  emit, hashed PII (cached HMAC)      ${ratio('log.emit.userSignedUp (hashed email, repeated)', 'raw pino.info(signup)')}x`)
out.push(`  emit, hashed PII (new value)        ${ratio('log.emit.userSignedUp (hashed email, always new)', 'raw pino.info(signup)')}x`)
out.push(`  plain log.info through linecast     ${ratio('log.info(logo) through linecast', 'raw pino.info(logo)')}x`)
out.push(`  emit inside withContext (2 fields)  ${ratio('log.emit.logoGenerated in withContext', 'raw pino.info(logo)')}x`)
out.push(`  emit, trace hook off                ${ratio('log.emit.logoGenerated, trace hook off', 'raw pino.info(logo)')}x`)
out.push(`  emit in an active span (trace ids)  ${ratio('log.emit.logoGenerated in an active span', 'raw pino.info(logo)')}x`)
out.push(
  `trace stamp: no span active ${ratio('log.emit.logoGenerated(logo)', 'log.emit.logoGenerated, trace hook off')}x, ` +
    `span active ${ratio('log.emit.logoGenerated in an active span', 'log.emit.logoGenerated, trace hook off')}x the emit without the hook`,
)
out.push(
  `emit against raw pino writing the same fields: ${ratio('log.emit.logoGenerated(logo)', 'raw pino.info(logo + the emit line fields)')}x ` +
    '(the rest of the gap is the longer line: eventId, event, kind and msg to serialize and encode)',
)
out.push(
  `zod share of one emit: ${((m('zod safeParse(logo)') / m('log.emit.logoGenerated(logo)')) * 100).toFixed(0)}% ` +
    `(safeParse ${m('zod safeParse(logo)').toFixed(0)} ns of ${m('log.emit.logoGenerated(logo)').toFixed(0)} ns)`,
)
process.stdout.write(out.join('\n') + '\n')
