/**
 * Bytes a page pays for the generated browser module: a typical import
 * (`createTrack` from generated/events.browser.ts, one helper called),
 * bundled by esbuild (minified, tree-shaken, browser platform), gzipped.
 * Printed with its parts (zod, linecast's tracker) and as a ratio to
 * posthog-js, which the same page usually loads anyway. The generated module
 * imports zod as a namespace (`import * as z`), which esbuild tree-shakes;
 * the named `{ z }` form keeps all of zod and is measured beside it.
 *
 *   npm run build && node dist/bench/browser.js
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('../../', import.meta.url))

const TYPICAL = `
import { createTrack } from '${join(root, 'generated/events.browser.ts')}'
const track = createTrack({ collector: '/linecast/events', piiKey: 'k' })
void track.wizardStepCompleted({ brandId: 'b_1', step: 'colors', stepIndex: 3, duration_ms: 1200 })
`
const ZOD_SCHEMA = "console.log(z.object({ a: z.string(), b: z.int().min(0), c: z.enum(['x', 'y']) }).strict().safeParse({}))"
/** how the generated module imports zod: esbuild tree-shakes the namespace's members */
const ZOD_ONLY = `import * as z from 'zod'\n${ZOD_SCHEMA}`
/** the form events.ts uses: the whole of zod (locales included) stays in the bundle */
const ZOD_NAMED = `import { z } from 'zod'\n${ZOD_SCHEMA}`
const TRACKER_ONLY = `
import { createTracker } from '${join(root, 'emitters/browser/index.ts')}'
console.log(createTracker({ service: 's', redact: [], events: {} }, { collector: '/e' }))
`
const POSTHOG = `
import posthog from 'posthog-js'
posthog.init('phc_x', { api_host: '/ingest' })
posthog.capture('x')
`

async function gzippedSize(dir: string, name: string, source: string): Promise<{ raw: number; gzip: number }> {
  const entry = join(dir, `${name}.ts`)
  writeFileSync(entry, source)
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    alias: { 'linecast/browser': join(root, 'emitters/browser/index.ts') },
    nodePaths: [join(root, 'node_modules')],
  })
  const bytes = result.outputFiles[0]?.contents ?? new Uint8Array()
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length }
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(root, '.bench-browser-'))
  try {
    const typical = await gzippedSize(dir, 'typical', TYPICAL)
    const zod = await gzippedSize(dir, 'zod', ZOD_ONLY)
    const zodNamed = await gzippedSize(dir, 'zod-named', ZOD_NAMED)
    const tracker = await gzippedSize(dir, 'tracker', TRACKER_ONLY)
    const posthog = await gzippedSize(dir, 'posthog', POSTHOG)
    process.stdout.write(
      [
        `typical import (createTrack + one helper): ${kb(typical.raw)} minified, ${kb(typical.gzip)} gzipped`,
        `  of which zod alone:                      ${kb(zod.gzip)} gzipped (import * as z; import { z } would be ${kb(zodNamed.gzip)}, ${(zodNamed.gzip / zod.gzip).toFixed(1)}x)`,
        `  linecast/browser tracker alone:          ${kb(tracker.gzip)} gzipped`,
        `posthog-js (init + capture):               ${kb(posthog.gzip)} gzipped`,
        `ratio typical import / posthog-js:         ${(typical.gzip / posthog.gzip).toFixed(2)}`,
        `ratio typical import without zod / posthog-js: ${((typical.gzip - zod.gzip) / posthog.gzip).toFixed(3)}`,
        '',
      ].join('\n'),
    )
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

await main()
