/**
 * A request body of many JSON texts written straight into one buffer:
 * `head`, the items separated by commas, `tail`. Joining the texts into one
 * string and encoding that string afterwards costs about ten times as much
 * (the join flattens every spliced item, then the whole body is encoded
 * again); here each item is encoded once, in place.
 */

/** The smallest buffer a body starts from; it doubles when an item does not fit. */
const MIN_BYTES = 1024

export function jsonBody(items: readonly string[], head = '[', tail = ']'): Buffer {
  let chars = head.length + tail.length + items.length
  for (const item of items) chars += item.length
  // most lines are ASCII: one byte a character, plus room for a few that are not
  let buffer = Buffer.allocUnsafe(Math.max(MIN_BYTES, chars + (chars >> 3)))
  let at = 0
  const put = (text: string): void => {
    // a UTF-16 unit is at most 3 bytes of UTF-8; measure exactly only when that bound does not fit
    if (buffer.length - at < text.length * 3) {
      const needed = at + Buffer.byteLength(text)
      if (needed > buffer.length) {
        const grown = Buffer.allocUnsafe(Math.max(needed, buffer.length * 2))
        buffer.copy(grown, 0, 0, at)
        buffer = grown
      }
    }
    at += buffer.write(text, at)
  }
  put(head)
  for (let i = 0; i < items.length; i++) {
    if (i > 0) put(',')
    put(items[i] as string)
  }
  put(tail)
  return buffer.subarray(0, at)
}
