/** Waits for a condition with a deadline (never a fixed sleep): polls `check` until it holds. */
export async function waitUntil(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`)
    await new Promise<void>((resolve) => setTimeout(resolve, 10))
  }
}
