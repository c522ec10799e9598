/** POST a batch of records as one (gzipped) JSON array with the source token. */
import type { Outcome } from '../../worker/delivery/types.js'
import type { HttpTarget } from '../http/client.js'
import { jsonBody } from '../http/json-body.js'
import type { BetterstackSettings } from './config.js'
import type { BetterstackRecord } from './encode.js'

export async function sendBetterstackBatch(
  settings: BetterstackSettings,
  target: HttpTarget,
  batch: readonly (BetterstackRecord | null)[],
  signal: AbortSignal,
): Promise<Outcome> {
  const records = batch.filter((r): r is BetterstackRecord => r !== null)
  if (records.length === 0) return { type: 'ok' }
  const { outcome } = await target.send(jsonBody(records), {
    headers: { authorization: `Bearer ${settings.token}` },
    gzip: settings.gzip,
    signal,
  })
  return outcome
}
