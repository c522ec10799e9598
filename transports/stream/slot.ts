/**
 * Keys beside the stream on Redis Cluster: every key the relay writes with
 * the stream (progress records) hashes to the stream's slot, so a MULTI or a
 * pipeline over them never spans two nodes. A stream named with a hash tag
 * (`linecast:{bmn}:lines`) lends its tag; one without lends its whole name.
 */

/** The part of `key` Redis Cluster hashes: the first non-empty `{…}`; undefined when the whole key is hashed. */
export function hashTag(key: string): string | undefined {
  const open = key.indexOf('{')
  if (open < 0) return undefined
  const close = key.indexOf('}', open + 1)
  return close > open + 1 ? key.slice(open + 1, close) : undefined
}

/** Why a stream name cannot lend its slot to other keys, or undefined when it can. */
export function slotProblem(stream: string): string | undefined {
  if (hashTag(stream) !== undefined || !/[{}]/.test(stream)) return undefined
  return `stream name "${stream}" has braces but no hash tag; name it with one, e.g. "linecast:{${stream.replace(/[{}]/g, '')}}:lines"`
}

/** A key in the stream's hash slot. */
export function keyBeside(stream: string, suffix: string): string {
  return hashTag(stream) === undefined ? `{${stream}}:${suffix}` : `${stream}:${suffix}`
}
