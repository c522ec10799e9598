/**
 * Writes schema/builtin-events.ts from schema/builtin.catalog.yaml:
 * `npm run build && node dist/schema/generate/write-builtin-types.js`.
 */
import { writeFileSync } from 'node:fs'
import { builtinTypesFile, renderBuiltinTypes } from './builtin-types.js'

const file = builtinTypesFile()
writeFileSync(file, renderBuiltinTypes())
process.stdout.write(`wrote ${file}\n`)
