/**
 * What installing and importing linecast costs a service, measured on the
 * packed package in a fresh project (nothing else installed):
 *
 * - install size: node_modules after `npm install <tarball>` (the optional
 *   peers, the vendor SDKs, are not installed);
 * - `import 'linecast'`: CPU time (and wall time) in fresh processes (median), against
 *   `import 'pino'` in the same project and run, and the modules it loads
 *   (target: none of the vendor SDKs, well under 150 ms).
 *
 *   npm run build && node dist/bench/package.js [--samples 7]
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { diskBytes, installProject, packLinecast, peersLoaded, probeImport } from './packed-project.js'

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

interface Times {
  wall: number[]
  cpu: number[]
}

function timeImport(cwd: string, specifier: string, into: Times): void {
  const probe = probeImport(cwd, specifier, false)
  into.wall.push(probe.ms)
  into.cpu.push(probe.cpuMs)
}

function packageOf(module: string): string {
  const tail = module.split('/node_modules/').at(-1) ?? module
  const parts = tail.split('/')
  return tail.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? tail)
}

function main(): void {
  const { values } = parseArgs({ options: { samples: { type: 'string', default: '7' } } })
  const samples = Number(values.samples)
  const work = mkdtempSync(join(tmpdir(), 'linecast-bench-package-'))
  try {
    const tarball = packLinecast(work)
    const app = join(work, 'app')
    installProject(app, tarball)
    const bytes = diskBytes(join(app, 'node_modules'))
    const traced = probeImport(app, 'linecast', true)
    const packages = [...new Set(traced.modules.filter((m) => m.includes('/node_modules/')).map(packageOf))].sort()
    const linecast: Times = { wall: [], cpu: [] }
    const pinoAlone: Times = { wall: [], cpu: [] }
    for (let i = 0; i < samples; i++) {
      timeImport(app, 'pino', pinoAlone)
      timeImport(app, 'linecast', linecast)
    }
    const lc = median(linecast.cpu)
    const pino = median(pinoAlone.cpu)
    const peers = peersLoaded(traced.modules)
    console.log(`install size of linecast alone (node_modules of a fresh project): ${(bytes / 1e6).toFixed(1)} MB`)
    console.log(
      `import 'linecast': ${lc.toFixed(1)} ms CPU (${median(linecast.wall).toFixed(1)} ms wall), median of ${samples} fresh processes; ` +
        `import 'pino' alone: ${pino.toFixed(1)} ms CPU (${median(pinoAlone.wall).toFixed(1)} ms wall); ratio ${(lc / pino).toFixed(2)}`,
    )
    console.log(`modules loaded by import 'linecast': ${traced.modules.length}, from ${packages.length} packages: ${packages.join(', ')}`)
    console.log(`vendor SDKs loaded: ${peers.length === 0 ? 'none' : peers.join(', ')}`)
    console.log(`target: no vendor SDK, well under 150 ms: ${peers.length === 0 && lc < 150 ? 'met' : 'NOT met'}`)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

main()
