/**
 * Text from a log stream must never drive the terminal that shows it. Every
 * control character (C0 but tab, DEL, C1) and every bidirectional formatting
 * character (the overrides, embeddings, isolates and marks that reorder what
 * a reader sees) is written as a visible escape: ESC becomes `\x1b`, U+202E
 * becomes `\u202e`. Everything else passes unchanged.
 */

// C0 but tab, DEL, C1, then ALM, LRM/RLM, LRE..RLO, LRI..PDI
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const ANY_UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/

function visible(char: string): string {
  const code = char.charCodeAt(0)
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`
}

/** `text` with every terminal control and bidi formatting character escaped. */
export function escapeControls(text: string): string {
  return ANY_UNSAFE.test(text) ? text.replace(UNSAFE, visible) : text
}

/**
 * JSON text that a terminal may show: the characters JSON.stringify leaves raw
 * (DEL, C1, bidi formatting) become `\uXXXX` escapes, so the text stays valid
 * JSON with the same meaning.
 */
export function escapeJsonControls(json: string): string {
  return ANY_UNSAFE.test(json)
    ? json.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : json
}
