/** The `email` sink: cost reports and alerts -> mail over SMTP (nodemailer). */
import { createTransport } from 'nodemailer'
import type { Sink, SinkContext } from '../../worker/delivery/types.js'
import { parseSettings } from '../http/settings.js'
import { EMAIL_LIMITS, emailSettingsSchema, type EmailSettings } from './config.js'
import { createEmailEncoder, type EmailItem } from './encode.js'
import { sendEmailBatch, type MailTransport } from './send.js'

export { classifySmtpError } from './classify.js'
export { emailSettingsSchema, type EmailSettings } from './config.js'
export type { EmailItem } from './encode.js'
export type { MailMessage, MailTransport } from './send.js'

export interface EmailDeps {
  /** defaults to a nodemailer SMTP transport built from the settings */
  transport?: MailTransport
}

export function createSmtpTransport(settings: EmailSettings): MailTransport {
  return createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user !== undefined && settings.pass !== undefined ? { auth: { user: settings.user, pass: settings.pass } } : {}),
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: settings.timeoutMs,
  })
}

export function createSink(name: string, ctx: SinkContext, deps: EmailDeps = {}): Sink<EmailItem> {
  const settings = parseSettings(emailSettingsSchema, ctx.settings, name, 'email')
  const transport = deps.transport ?? createSmtpTransport(settings)
  const sent = new WeakSet<EmailItem>()
  return {
    name,
    limits: EMAIL_LIMITS,
    encode: createEmailEncoder(settings, ctx.catalog),
    send: (batch, signal) => sendEmailBatch(settings, transport, batch, signal, sent),
    close: async () => transport.close(),
  }
}
