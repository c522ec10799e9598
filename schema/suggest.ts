/** "did you mean" suggestions by edit distance. */

export function editDistance(a: string, b: string): number {
  if (a === b) return 0
  const previous = Array.from({ length: b.length + 1 }, (_v, i) => i)
  const current = new Array<number>(b.length + 1).fill(0)
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost)
    }
    for (let j = 0; j <= b.length; j++) previous[j] = current[j] ?? 0
  }
  return previous[b.length] ?? 0
}

/** The closest candidate, when it is close enough to be a likely typo. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3))
  let best: string | undefined
  let bestDistance = Infinity
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return bestDistance <= limit ? best : undefined
}

/** `; did you mean \`sentry\`?` or the list of valid choices when none is close. */
export function suggestion(word: string, candidates: readonly string[], listLimit = 12): string {
  const match = closest(word, candidates)
  if (match !== undefined) return `; did you mean \`${match}\`?`
  if (candidates.length === 0) return ''
  if (candidates.length > listLimit) return ''
  return `; expected one of ${candidates.map((c) => `\`${c}\``).join(', ')}`
}
