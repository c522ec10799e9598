/** Renders JSDoc blocks; text can never close the comment early. */

function escapeComment(text: string): string {
  return text.replace(/\*\//g, '*\\/')
}

/**
 * `lines` become one JSDoc block at `indent`; an empty list renders nothing.
 * Multi-line entries are split so every line starts with ` * `.
 */
export function jsdoc(lines: readonly string[], indent = ''): string {
  const body = lines.flatMap((line) => escapeComment(line).split(/\r?\n/))
  if (body.length === 0) return ''
  if (body.length === 1) return `${indent}/** ${body[0] ?? ''} */\n`
  return `${indent}/**\n${body.map((l) => (l.length > 0 ? `${indent} * ${l}\n` : `${indent} *\n`)).join('')}${indent} */\n`
}
