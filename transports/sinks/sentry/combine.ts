/**
 * A Sentry batch is sent one envelope per event; the batch's outcome is the
 * worst of its events':
 * loud reject (account problem) > retryAfter (longest wait) > retry > reject
 * of some items (their indexes, the rest delivered) > ok.
 * Any retry wins over item rejects because the contract says the rest of a
 * rejected batch is delivered; on the retry Sentry dedups the delivered ones
 * by event id and the rejected ones are refused again, then dead-lettered.
 */
import type { Outcome } from '../../worker/delivery/types.js'

export function worstOutcome(outcomes: readonly Outcome[]): Outcome {
  let loud: Extract<Outcome, { type: 'reject' }> | undefined
  let after: Extract<Outcome, { type: 'retryAfter' }> | undefined
  let retry: Extract<Outcome, { type: 'retry' }> | undefined
  let split: Extract<Outcome, { type: 'split' }> | undefined
  const rejected: number[] = []
  const reasons = new Set<string>()
  outcomes.forEach((outcome, index) => {
    switch (outcome.type) {
      case 'ok':
        return
      case 'reject':
        if (outcome.loud) loud ??= { type: 'reject', reason: outcome.reason, loud: true }
        rejected.push(index)
        reasons.add(outcome.reason)
        return
      case 'retryAfter':
        if (!after || outcome.ms > after.ms) after = outcome
        return
      case 'retry':
        retry ??= outcome
        return
      case 'split':
        split ??= outcome
        return
    }
  })
  if (loud) return loud
  if (after) return after
  if (retry) return retry
  if (split) return split
  if (rejected.length > 0) return { type: 'reject', reason: [...reasons].join('; '), items: rejected }
  return { type: 'ok' }
}
