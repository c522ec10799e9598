/** FNV-1a, 32 bit: a fast, stable string hash for deterministic sampling. */
const FNV_OFFSET = 0x811c9dc5
const FNV_PRIME = 0x01000193

export function fnv1a32(text: string): number {
  let hash = FNV_OFFSET
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i)
    // hash UTF-16 code units as up to two bytes so every string is covered
    if (code > 0xff) {
      hash ^= code >>> 8
      hash = Math.imul(hash, FNV_PRIME)
      code &= 0xff
    }
    hash ^= code
    hash = Math.imul(hash, FNV_PRIME)
  }
  return hash >>> 0
}
