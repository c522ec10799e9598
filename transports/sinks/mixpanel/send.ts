/**
 * POST a batch to /import. With strict=1 a 400 lists the events that failed
 * validation (`failed_records[].index`) and Mixpanel ingests the others: the
 * outcome rejects exactly those, by their index in the batch.
 */
import type { Outcome } from '../../worker/delivery/types.js'
import { sendJson, type Fetch } from '../http/post.js'
import { mixpanelRequest, type MixpanelSettings } from './config.js'
import type { MixpanelEvent } from './encode.js'

interface FailedRecord {
  index: number
  field?: string
  message?: string
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

export async function sendMixpanelBatch(
  settings: MixpanelSettings,
  batch: readonly (MixpanelEvent | null)[],
  signal: AbortSignal,
  fetch?: Fetch,
): Promise<Outcome> {
  const events: MixpanelEvent[] = []
  const batchIndex: number[] = []
  batch.forEach((item, i) => {
    if (item === null) return
    events.push(item)
    batchIndex.push(i)
  })
  if (events.length === 0) return { type: 'ok' }
  const { url, authorization } = mixpanelRequest(settings)
  const { outcome, reply } = await sendJson(url, events, {
    headers: { authorization },
    gzip: settings.gzip,
    signal,
    ...(fetch ? { fetch } : {}),
  })
  if (reply?.status !== 400) return outcome
  const failed = failedRecords(reply.text)
  const items = [...new Set(failed.map((r) => batchIndex[r.index]).filter((i): i is number => i !== undefined))].sort((a, b) => a - b)
  if (items.length === 0) return outcome
  return { type: 'reject', reason: describeFailures(failed, events.length), items }
}
