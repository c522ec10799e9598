/** Text for Slack's mrkdwn and plain_text objects: escaping, shortening, value formatting. */

/** Slack's three control characters; everything user-supplied goes through this. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/** A property value as one short line of text. */
export function formatValue(value: unknown, max = 300): string {
  if (typeof value === 'string') return truncate(value, max)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (value === null) return 'null'
  return truncate(JSON.stringify(value) ?? String(value), max)
}

/** `event_name_detected` -> `Event name detected` */
export function humanize(name: string): string {
  const words = name.replace(/[_\-.]+/g, ' ').trim()
  return words.charAt(0).toUpperCase() + words.slice(1)
}
