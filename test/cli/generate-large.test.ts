/**
 * A large catalog's events.ts compiles, and what it costs the compiler grows
 * linearly with the events. The compiler's own counts (types created, generic
 * instantiations) are deterministic, so the growth is asserted on them, at
 * sizes that run in seconds; bench/catalog.ts measures time and memory at
 * 10,000 events.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { largeCatalogYaml } from '../../bench/large-catalog.js'
import { generateFiles } from '../../schema/generate/index.js'
import { loadCatalogText } from '../../schema/load.js'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

interface Cost {
  errors: string[]
  types: number
  instantiations: number
}

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
  noEmit: true,
  types: [],
}

/** A compiler host that parses each library file (zod's declarations, lib.d.ts) once for all programs. */
function cachingHost(): ts.CompilerHost {
  const host = ts.createCompilerHost(OPTIONS)
  const parse = host.getSourceFile.bind(host)
  const cache = new Map<string, ts.SourceFile | undefined>()
  host.getSourceFile = (fileName, language, onError, fresh) => {
    if (/events-\d+\.ts$/.test(fileName)) return parse(fileName, language, onError, fresh)
    if (!cache.has(fileName)) cache.set(fileName, parse(fileName, language, onError, fresh))
    return cache.get(fileName)
  }
  return host
}

/** Generates events.ts for a catalog of `events` events into `dir` and type-checks it strictly. */
function compile(dir: string, events: number, host: ts.CompilerHost): Cost {
  const { compiled, diagnostics } = loadCatalogText(largeCatalogYaml(events), 'events.catalog.yaml')
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  const files = generateFiles(compiled, { catalogFile: 'events.catalog.yaml', runtimeImport: './runtime.js' })
  const file = join(dir, `events-${events}.ts`)
  writeFileSync(file, files.find((f) => f.path === 'events.ts')?.contents ?? '')
  const program = ts.createProgram([file], OPTIONS, host)
  const errors = ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  return { errors, types: program.getTypeCount(), instantiations: program.getInstantiationCount() }
}

describe('a large catalog', () => {
  let dir = ''
  beforeAll(() => {
    // inside the repository so that `zod` resolves from node_modules
    mkdirSync(join(repoRoot, '.linecast'), { recursive: true })
    dir = mkdtempSync(join(repoRoot, '.linecast', 'large-catalog-'))
    const runtime = [
      `export { defineCatalog } from ${JSON.stringify(join(repoRoot, 'schema', 'define.js'))}`,
      `export type { CompiledCatalog } from ${JSON.stringify(join(repoRoot, 'schema', 'compiled.js'))}`,
      '',
    ].join('\n')
    writeFileSync(join(dir, 'runtime.ts'), runtime)
  })
  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true })
  })

  it('generates an events.ts that compiles, at a compiler cost per event that does not grow with the catalog', { timeout: 180_000 }, () => {
    const host = cachingHost()
    const none = compile(dir, 0, host)
    const small = compile(dir, 100, host)
    const large = compile(dir, 200, host)
    for (const cost of [none, small, large]) expect(cost.errors).toEqual([])
    const perEvent = (cost: Cost, pick: (c: Cost) => number, events: number): number => (pick(cost) - pick(none)) / events
    const typesSmall = perEvent(small, (c) => c.types, 100)
    const typesLarge = perEvent(large, (c) => c.types, 200)
    const instSmall = perEvent(small, (c) => c.instantiations, 100)
    const instLarge = perEvent(large, (c) => c.instantiations, 200)
    // linear: doubling the events doubles the cost above the empty catalog
    expect(typesLarge / typesSmall).toBeGreaterThan(0.8)
    expect(typesLarge / typesSmall).toBeLessThan(1.25)
    expect(instLarge / instSmall).toBeGreaterThan(0.8)
    expect(instLarge / instSmall).toBeLessThan(1.25)
    // and small: a schema typed against its interface structurally cost ~1,100 types and ~3,700 instantiations per event
    expect(typesLarge).toBeLessThan(40)
    expect(instLarge).toBeLessThan(40)
  })
})
