/**
 * What `linecast generate` and `linecast check` share: the options that say
 * which catalog and output directory, and the files the catalog generates.
 * One writes them, the other compares them.
 */
import { resolve } from 'node:path'
import type { CompiledCatalog } from '../schema/compiled.js'
import { generateFiles, type GeneratedFile } from '../schema/generate/index.js'
import { DEFAULT_CATALOG, DEFAULT_OUT, loadForCommand } from './catalog.js'
import type { DiagnosticStyle } from './annotations.js'
import type { Output } from './output.js'
import { UsageError } from './errors.js'
import { TARGETS, type Target } from '../schema/runtimes.js'

/** `--catalog`, `--out` and `--runtime-import`, described for the command at hand. */
export function generateOptions(describe: { catalog: string; out: string }) {
  return {
    catalog: { type: 'string', valueName: 'FILE', default: DEFAULT_CATALOG, description: describe.catalog },
    out: { type: 'string', valueName: 'DIR', default: DEFAULT_OUT, description: describe.out },
    'runtime-import': {
      type: 'string',
      valueName: 'MODULE',
      default: 'linecast',
      description: 'module events.ts imports defineCatalog from',
    },
    target: {
      type: 'string',
      multiple: true,
      valueName: 'RUNTIME',
      description: 'also write the module for browser (events.browser.ts) or python (events.py); adds to the catalog\'s targets:',
    },
    'browser-import': {
      type: 'string',
      valueName: 'MODULE',
      default: 'linecast/browser',
      description: 'module events.browser.ts imports the tracker from',
    },
  } as const
}

export interface GenerateValues {
  catalog: string
  out: string
  'runtime-import': string
  target?: string[] | undefined
  'browser-import': string
}

export interface GeneratedOutput {
  compiled: CompiledCatalog
  files: GeneratedFile[]
  /** the output directory, absolute */
  outDir: string
}

/** The catalog's generated files, or `undefined` after the reason was printed (the command then exits 1). */
export function generateForCommand(
  out: Output,
  cwd: string,
  values: GenerateValues,
  style: DiagnosticStyle = 'text',
): GeneratedOutput | undefined {
  const compiled = loadForCommand(out, cwd, values.catalog, style)
  if (compiled === undefined) return undefined
  const files = generateFiles(compiled, {
    catalogFile: values.catalog,
    runtimeImport: values['runtime-import'],
    targets: targetsFrom(values.target),
    browserImport: values['browser-import'],
  })
  return { compiled, files, outDir: resolve(cwd, values.out) }
}

/** `--target browser --target python` (or `--target browser,python`), checked. */
export function targetsFrom(values: readonly string[] | undefined): Target[] {
  const out: Target[] = []
  for (const word of (values ?? []).flatMap((v) => v.split(','))) {
    const target = word.trim()
    if (!(TARGETS as readonly string[]).includes(target)) {
      throw new UsageError(`--target ${target}: use ${TARGETS.join(' or ')}`, 'generate')
    }
    out.push(target as Target)
  }
  return out
}

/** `48 events`, `1 event`: how many events the catalog holds. */
export function eventCount(compiled: CompiledCatalog): string {
  const events = Object.keys(compiled.events).length
  return `${events} event${events === 1 ? '' : 's'}`
}
