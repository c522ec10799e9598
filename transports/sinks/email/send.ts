/**
 * Send each email through the SMTP transport, in turn. nodemailer takes no abort
 * signal: when the delivery layer's timeout fires first, the send counts as a retry
 * (the mail may still go out; `Message-ID` carries the eventId so duplicates can be told).
 */
import type { Outcome } from '../../worker/delivery/types.js'
import { classifySmtpError } from './classify.js'
import type { EmailSettings } from './config.js'
import type { EmailItem } from './encode.js'

export interface MailMessage {
  from: string
  to: string[]
  subject: string
  text: string
  html: string
  messageId: string
  headers: Record<string, string>
}

/** What the sink needs of a nodemailer transporter. */
export interface MailTransport {
  sendMail(message: MailMessage): Promise<unknown>
  close(): void
}

/** Resolves with a retry when `signal` aborts; `dispose` removes the listener. */
function whenAborted(signal: AbortSignal): { promise: Promise<Outcome>; dispose: () => void } {
  let done = (): void => {}
  const promise = new Promise<Outcome>((resolve) => {
    done = () => resolve({ type: 'retry', reason: 'SMTP send did not finish before the timeout' })
  })
  if (signal.aborted) done()
  else signal.addEventListener('abort', done, { once: true })
  return { promise, dispose: () => signal.removeEventListener('abort', done) }
}

async function sendOne(transport: MailTransport, message: MailMessage): Promise<Outcome> {
  try {
    await transport.sendMail(message)
    return { type: 'ok' }
  } catch (error) {
    return classifySmtpError(error)
  }
}

export function toMessage(settings: EmailSettings, item: EmailItem): MailMessage {
  return {
    from: settings.from,
    to: settings.to,
    subject: item.subject,
    text: item.text,
    html: item.html,
    messageId: `<${item.eventId}@linecast>`,
    headers: { 'X-Linecast-Event-Id': item.eventId },
  }
}

/**
 * A rejected mail is named in `items` and the others still go; a retry stops the batch
 * there. Mails already sent are remembered in `sent` (by identity), so when the delivery
 * layer sends the same items again after a partial failure, none goes out twice.
 */
export async function sendEmailBatch(
  settings: EmailSettings,
  transport: MailTransport,
  batch: readonly EmailItem[],
  signal: AbortSignal,
  sent: WeakSet<EmailItem>,
): Promise<Outcome> {
  const rejected: number[] = []
  const reasons: string[] = []
  let loud = false
  const timeout = whenAborted(signal)
  try {
    for (const [index, item] of batch.entries()) {
      if (sent.has(item)) continue
      const outcome = await Promise.race([sendOne(transport, toMessage(settings, item)), timeout.promise])
      if (outcome.type === 'ok') {
        sent.add(item)
        continue
      }
      if (outcome.type !== 'reject') return outcome
      rejected.push(index)
      reasons.push(outcome.reason)
      loud ||= outcome.loud === true
    }
  } finally {
    timeout.dispose()
  }
  if (rejected.length === 0) return { type: 'ok' }
  const items = rejected.length === batch.length ? {} : { items: rejected }
  return { type: 'reject', reason: [...new Set(reasons)].join('; '), ...items, ...(loud ? { loud: true } : {}) }
}
