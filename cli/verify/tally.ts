/** What `linecast verify` saw, line by line, summed into the report it prints. */
import type { CompiledCatalog } from '../../schema/compiled.js'
import type { Issue, Verdict } from './check-line.js'

/** Where a line was read: the file (or `stdin`, or `redis:<stream>`) and its line number or entry id. */
export interface LinePlace {
  source: string
  /** 1-based line number in a file or stdin */
  line?: number
  /** Redis stream entry id */
  id?: string
}

export interface Finding {
  place: LinePlace
  event: string
  service: string
  runtime: string
  issues: Issue[]
}

export interface VerifyReport {
  lines: number
  valid: number
  invalid: number
  unknown: number
  rawPii: number
  plain: number
  notJson: number
  /** lines per service and runtime (catalog events, plain lines and findings alike) */
  sources: { service: string; runtime: string; lines: number; events: number }[]
  /** the first findings of each kind, in the order read */
  invalidLines: Finding[]
  unknownEvents: { event: string; count: number }[]
  rawPiiFields: { event: string; path: string; count: number }[]
  /** catalog events (built-ins aside) no line showed */
  neverSeen: string[]
  /** declared properties no valid line of a seen event carried a value for */
  alwaysEmpty: { event: string; properties: string[] }[]
  /** findings kept per kind; past it only counted */
  findingLimit: number
}

export interface Tally {
  add(verdict: Verdict, place: LinePlace): void
  report(): VerifyReport
  /** findings of invalid, unknown and raw-PII lines, in the order read (up to the limit each) */
  findings(): { kind: 'invalid' | 'unknown' | 'raw_pii'; finding: Finding }[]
}

function countUp(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}

export function createTally(compiled: CompiledCatalog, findingLimit = 50): Tally {
  const counts = { lines: 0, valid: 0, invalid: 0, unknown: 0, rawPii: 0, plain: 0, notJson: 0 }
  const sources = new Map<string, { service: string; runtime: string; lines: number; events: number }>()
  const unknown = new Map<string, number>()
  const rawPii = new Map<string, number>()
  const seen = new Set<string>()
  const present = new Map<string, Set<string>>()
  const findings: { kind: 'invalid' | 'unknown' | 'raw_pii'; finding: Finding }[] = []
  const kept = { invalid: 0, unknown: 0, raw_pii: 0 }

  function keep(kind: 'invalid' | 'unknown' | 'raw_pii', finding: Finding): void {
    if (kept[kind] >= findingLimit) return
    kept[kind] += 1
    findings.push({ kind, finding })
  }

  return {
    add(verdict, place) {
      counts.lines += 1
      if (verdict.kind === 'not_json') {
        counts.notJson += 1
        return
      }
      const key = `${verdict.service}\u0000${verdict.runtime}`
      const source = sources.get(key) ?? { service: verdict.service, runtime: verdict.runtime, lines: 0, events: 0 }
      sources.set(key, source)
      source.lines += 1
      if (verdict.kind === 'plain') {
        counts.plain += 1
        return
      }
      source.events += 1
      const base = { place, event: verdict.event, service: verdict.service, runtime: verdict.runtime }
      if (verdict.kind === 'unknown') {
        counts.unknown += 1
        countUp(unknown, verdict.event)
        keep('unknown', { ...base, issues: [{ path: '', code: 'unknown_event', message: `event "${verdict.event}" is not declared in the catalog` }] })
        return
      }
      seen.add(verdict.event)
      if (verdict.kind === 'invalid') {
        counts.invalid += 1
        keep('invalid', { ...base, issues: verdict.issues.slice(0, 3) })
      } else if (verdict.kind === 'raw_pii') {
        counts.rawPii += 1
        for (const path of verdict.paths) countUp(rawPii, `${verdict.event}\u0000${path}`)
        keep('raw_pii', { ...base, issues: verdict.paths.map((path) => ({ path, code: 'raw_pii', message: `${path} should be hashed or redacted but looks raw` })) })
      } else {
        counts.valid += 1
        const set = present.get(verdict.event) ?? new Set<string>()
        present.set(verdict.event, set)
        for (const p of verdict.present) set.add(p)
      }
    },
    findings: () => findings,
    report() {
      const events = Object.values(compiled.events)
      return {
        ...counts,
        sources: [...sources.values()].sort((a, b) => a.service.localeCompare(b.service) || a.runtime.localeCompare(b.runtime)),
        invalidLines: findings.filter((f) => f.kind === 'invalid').map((f) => f.finding),
        unknownEvents: [...unknown].map(([event, count]) => ({ event, count })).sort((a, b) => b.count - a.count || a.event.localeCompare(b.event)),
        rawPiiFields: [...rawPii].map(([key, count]) => {
          const [event, path] = key.split('\u0000') as [string, string]
          return { event, path, count }
        }).sort((a, b) => a.event.localeCompare(b.event) || a.path.localeCompare(b.path)),
        neverSeen: events.filter((e) => e.builtin !== true && !seen.has(e.name)).map((e) => e.name).sort(),
        alwaysEmpty: [...present]
          .map(([event, set]) => ({ event, properties: Object.keys(compiled.events[event]?.properties ?? {}).filter((p) => !set.has(p)) }))
          .filter((e) => e.properties.length > 0)
          .sort((a, b) => a.event.localeCompare(b.event)),
        findingLimit,
      }
    },
  }
}

/** Exit code of a verify run: 1 when any line was invalid, unknown or carried raw PII. */
export function verifyExitCode(report: VerifyReport): number {
  return report.invalid + report.unknown + report.rawPii > 0 ? 1 : 0
}
