/**
 * One dependency check: run it, time it, give up at the deadline. A probe
 * never throws: a failure is data (`ok: false` and what went wrong).
 */

export interface CheckResult {
  ok: boolean
  /** milliseconds the check took (to the deadline when it timed out), 0.1 ms resolution */
  latencyMs: number
  /** what failed, when `ok` is false */
  error?: string
}

export async function probe(check: () => Promise<unknown> | unknown, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now()
  const elapsed = (): number => Math.round((performance.now() - started) * 10) / 10
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new ProbeTimeout(timeoutMs)), timeoutMs)
  })
  try {
    await Promise.race([Promise.resolve().then(check), deadline])
    return { ok: true, latencyMs: elapsed() }
  } catch (error) {
    return { ok: false, latencyMs: elapsed(), error: describe(error) }
  } finally {
    clearTimeout(timer)
  }
}

class ProbeTimeout extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms}ms`)
  }
}

function describe(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0])
  if (error instanceof Error) return error.message || error.name
  return String(error)
}
