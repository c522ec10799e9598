/** Settings of an `email` destination (SMTP through nodemailer). */
import { z } from 'zod'

const address = z.string({ error: 'an address must be a string' }).min(3, 'an address is required, e.g. ops@example.com')

export const emailSettingsSchema = z
  .object({
    host: z.string({ error: 'set host to the SMTP server, e.g. smtp.postmarkapp.com' }).min(1, 'host is empty'),
    port: z.coerce.number({ error: 'port must be a number' }).int().min(1).max(65_535).default(587),
    /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it */
    secure: z.boolean({ error: 'secure must be true or false' }).optional(),
    user: z.string().min(1).optional(),
    pass: z.string().min(1).optional(),
    from: address,
    to: z
      .union([address, z.array(address)], { error: 'set to to a list of recipients, e.g. to: [ops@example.com]' })
      .transform((to) => (Array.isArray(to) ? to : [to]))
      .refine((to) => to.length > 0, 'to lists no recipient; add at least one address'),
    subjectPrefix: z.string().default('[linecast]'),
    /** give up on a connection, greeting or silent socket after this many milliseconds */
    timeoutMs: z.number().int().positive().default(30_000),
  })
  .superRefine((s, ctx) => {
    if ((s.user === undefined) !== (s.pass === undefined)) {
      ctx.addIssue({ code: 'custom', path: [s.user === undefined ? 'user' : 'pass'], message: 'set both user and pass, or neither' })
    }
  })
  .transform((s) => ({ ...s, secure: s.secure ?? s.port === 465 }))

export type EmailSettings = z.infer<typeof emailSettingsSchema>

/** One message per item: a batch is a handful of mails sent in turn. */
export const EMAIL_LIMITS = { maxItems: 1 } as const
