import { LinecastError } from '../../schema/errors.js'

/** A line PostHog cannot take: it names no catalog event. */
export class PosthogLineError extends LinecastError {
  constructor(message: string) {
    super('POSTHOG_LINE_WITHOUT_EVENT', message)
  }
}
