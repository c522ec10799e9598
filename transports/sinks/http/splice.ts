/**
 * Adding one field to a line's JSON text without parsing it: the text is an
 * object (`{...}`), so the field goes in before the closing brace. A key the
 * line already has appears twice; JSON readers take the last one.
 */
export function spliceField(raw: string, key: string, value: unknown): string {
  const end = raw.lastIndexOf('}')
  if (end === -1) throw new TypeError('not a JSON object')
  const head = raw.slice(0, end).trimEnd()
  const comma = head.endsWith('{') ? '' : ','
  return `${head}${comma}${JSON.stringify(key)}:${JSON.stringify(value)}}`
}
