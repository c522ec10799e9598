/**
 * Counts the lines the demo's logger writes (one JSON line per chunk) on
 * their way to stdout: events by name, request statuses, AI calls and cost.
 */
export interface Tally {
  /** lines by `event` (plain logs count as `log`) */
  events: Record<string, number>
  /** http_request lines by status code */
  statuses: Record<string, number>
  /** eventIds of the ai_api_call lines */
  aiCallIds: string[]
  /** sum of ai_api_call `cost`, USD */
  aiCost: number
  /** lines that were not JSON */
  unparsed: number
}

export interface LineTally {
  observe(chunk: string): void
  snapshot(): Tally
}

export function createTally(): LineTally {
  const tally: Tally = { events: {}, statuses: {}, aiCallIds: [], aiCost: 0, unparsed: 0 }
  const one = (text: string): void => {
    let line: Record<string, unknown>
    try {
      line = JSON.parse(text) as Record<string, unknown>
    } catch {
      tally.unparsed++
      return
    }
    const event = typeof line.event === 'string' ? line.event : 'log'
    tally.events[event] = (tally.events[event] ?? 0) + 1
    if (event === 'http_request') {
      const status = String(line.statusCode)
      tally.statuses[status] = (tally.statuses[status] ?? 0) + 1
    } else if (event === 'ai_api_call') {
      if (typeof line.eventId === 'string') tally.aiCallIds.push(line.eventId)
      if (typeof line.cost === 'number') tally.aiCost += line.cost
    }
  }
  return {
    observe(chunk) {
      for (const text of chunk.split('\n')) if (text.trim() !== '') one(text)
    },
    snapshot: () => ({
      events: { ...tally.events },
      statuses: { ...tally.statuses },
      aiCallIds: [...tally.aiCallIds],
      aiCost: Math.round(tally.aiCost * 1e6) / 1e6,
      unparsed: tally.unparsed,
    }),
  }
}
