/**
 * POST a batch to /import. With strict=1 a 400 lists the events that failed
 * validation (`failed_records[].index`) and Mixpanel ingests the others: the
 * outcome rejects exactly those, by their index in the batch.
 */
import type { Outcome } from '../../worker/delivery/types.js'
import type { HttpTarget } from '../http/client.js'
import { jsonBody } from '../http/json-body.js'

interface FailedRecord {
  index: number
  field?: string
  message?: string
}

/** One batch's request: the URL with strict=1 (and project_id) and its Authorization header. */
export interface MixpanelRequest {
  target: HttpTarget
  authorization: string
  gzip: boolean
}

function failedRecords(text: string): FailedRecord[] {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return []
  }
  const list = (body as { failed_records?: unknown } | null)?.failed_records
  if (!Array.isArray(list)) return []
  return list.filter((r): r is FailedRecord => typeof (r as { index?: unknown } | null)?.index === 'number')
}

function describeFailures(failed: readonly FailedRecord[], sent: number): string {
  const shown = failed
    .slice(0, 3)
    .map((r) => `[${r.index}] ${r.field ?? ''}${r.field && r.message ? ': ' : ''}${r.message ?? ''}`.trim())
  const more = failed.length > 3 ? `; and ${failed.length - 3} more` : ''
  return `HTTP 400: ${failed.length} of ${sent} events failed validation: ${shown.join('; ')}${more}`
}

/** `batch` holds each event's JSON text (null: nothing to send for that line). */
export async function sendMixpanelBatch(request: MixpanelRequest, batch: readonly (string | null)[], signal: AbortSignal): Promise<Outcome> {
  const events: string[] = []
  const batchIndex: number[] = []
  batch.forEach((item, i) => {
    if (item === null) return
    events.push(item)
    batchIndex.push(i)
  })
  if (events.length === 0) return { type: 'ok' }
  const { outcome, reply } = await request.target.send(jsonBody(events), {
    headers: { authorization: request.authorization },
    gzip: request.gzip,
    signal,
  })
  if (reply?.status !== 400) return outcome
  const failed = failedRecords(reply.text)
  const items = [...new Set(failed.map((r) => batchIndex[r.index]).filter((i): i is number => i !== undefined))].sort((a, b) => a - b)
  if (items.length === 0) return outcome
  return { type: 'reject', reason: describeFailures(failed, events.length), items }
}
