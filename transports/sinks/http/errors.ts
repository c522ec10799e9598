/** Errors of the Betterstack, Slack, Mixpanel and email sinks. */
import { LinecastError } from '../../../core/errors.js'

/** A destination's settings do not match its schema; thrown when the sink is created. */
export class DestinationSettingsError extends LinecastError {
  readonly destination: string
  readonly issues: readonly { path: string; message: string }[]
  constructor(destination: string, kind: string, issues: readonly { path: string; message: string }[]) {
    const list = issues.map((i) => `  - ${i.path || '(settings)'}: ${i.message}`).join('\n')
    super(
      'DESTINATION_SETTINGS_INVALID',
      `destination "${destination}" (${kind}) has invalid settings; fix them under destinations.${destination} in the catalog:\n${list}`,
    )
    this.destination = destination
    this.issues = issues
  }
}

/** One line cannot become the destination's item (thrown by `encode`: that line alone is dead-lettered). */
export class LineEncodeError extends LinecastError {
  constructor(destination: string, eventId: string, problem: string) {
    super('LINE_NOT_ENCODABLE', `destination "${destination}" cannot take line ${eventId}: ${problem}`)
  }
}
