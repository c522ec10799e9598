/**
 * `events.py`: the catalog's Python events as one typed function each
 * (keyword arguments with type hints, enums as `Literal`), the catalog's
 * rules as plain data, and the runtime in `python-runtime.py` (standard
 * library only): validation, PII hashing with the Node logger's HMAC, secret
 * masking, contextvars context, and a writer printing the Node line shape.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { CompiledCatalog, CompiledEvent, PropertySpec } from '../compiled.js'
import { RESERVED_FIELDS } from '../compiled.js'
import { BUILTIN_REDACT_KEYS, normalizeKey, SECRET_KEY_SUFFIXES, SECRET_PATTERN } from '../../core/secrets.js'
import { eventRuntimes } from '../runtimes.js'
import { sortedEventNames } from './canonical.js'
import { GenerateNameCollisionError } from './errors.js'
import { headerText } from './header.js'

/** The Node logger's key template when the catalog names none (emitters/pii.ts). */
const DEFAULT_PII_KEY_TEMPLATE = '${PII_HASH_KEY}'

const RUNTIME_CANDIDATES = [new URL('./python-runtime.py', import.meta.url), new URL('../../../schema/generate/python-runtime.py', import.meta.url)]

let runtimeText: string | undefined
function pythonRuntime(): string {
  if (runtimeText !== undefined) return runtimeText
  for (const url of RUNTIME_CANDIDATES) {
    try {
      runtimeText = readFileSync(fileURLToPath(url), 'utf8')
      return runtimeText
    } catch {
      // try the next place: beside this file in the sources, or in the package from dist/
    }
  }
  throw new Error('schema/generate/python-runtime.py is missing from the linecast package; reinstall linecast')
}

/** Names the runtime part of events.py defines; an event function may not take one. */
const RUNTIME_NAMES = new Set(['configure', 'emit', 'validate', 'build_line', 'write_line', 'with_context', 'get_context', 'structlog_processor'])

const PYTHON_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield match case type'.split(
    ' ',
  ),
)

export function pythonEvents(compiled: CompiledCatalog): CompiledEvent[] {
  return sortedEventNames(compiled)
    .map((name) => compiled.events[name])
    .filter((e): e is CompiledEvent => e !== undefined && eventRuntimes(e).includes('python'))
}

/** A property key as a Python parameter name. */
export function pythonParameter(key: string): string {
  const name = key.replace(/[^A-Za-z0-9_]/g, '_').replace(/^([0-9])/, '_$1')
  return PYTHON_KEYWORDS.has(name) ? `${name}_` : name
}

function pythonString(text: string): string {
  return JSON.stringify(text)
}

export function pythonType(spec: PropertySpec): string {
  switch (spec.type) {
    case 'string':
      return 'str'
    case 'integer':
      return 'int'
    case 'number':
      return 'float'
    case 'boolean':
      return 'bool'
    case 'enum':
      return spec.values.length === 0 ? 'NoReturn' : `Literal[${spec.values.map(pythonString).join(', ')}]`
    case 'array':
      return `List[${pythonType(spec.items)}]`
    case 'object':
      return 'Dict[str, Any]'
  }
}

function docstring(event: CompiledEvent): string {
  const lines = [event.description || event.name]
  if (event.message !== undefined) lines.push('', `Message: ${event.message}`)
  if (event.deprecated !== undefined) lines.push('', `Deprecated: ${event.deprecated}`)
  const text = lines.join('\n    ').replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"')
  return `    """${text}"""\n`
}

function eventFunction(event: CompiledEvent): string {
  const entries = Object.entries(event.properties)
  const params = entries.map(([key, spec]) => {
    const type = pythonType(spec)
    return spec.optional === true ? `${pythonParameter(key)}: Optional[${type}] = None` : `${pythonParameter(key)}: ${type}`
  })
  const signature = params.length === 0 ? '' : `*, ${params.join(', ')}`
  const body = entries.map(([key]) => `${pythonString(key)}: ${pythonParameter(key)}`).join(', ')
  return `\n\ndef ${event.name}(${signature}) -> Optional[Dict[str, Any]]:\n${docstring(event)}    return emit(${pythonString(event.name)}, {${body}})\n`
}

function catalogData(compiled: CompiledCatalog, events: readonly CompiledEvent[]): unknown {
  return {
    service: compiled.service,
    piiKey: compiled.piiKey ?? DEFAULT_PII_KEY_TEMPLATE,
    context: compiled.context,
    reserved: RESERVED_FIELDS,
    redactKeys: [...new Set([...BUILTIN_REDACT_KEYS, ...compiled.redact.map((k) => k.slice(k.lastIndexOf('.') + 1))].map(normalizeKey))],
    secretSuffixes: SECRET_KEY_SUFFIXES,
    // Python spells a named group (?P<name>…); the pattern has no lookbehind, so `(?<` only ever opens one
    secretPattern: SECRET_PATTERN.source.replaceAll('(?<', '(?P<'),
    events: Object.fromEntries(
      events.map((e) => [
        e.name,
        {
          kind: e.kind,
          level: e.level,
          ...(e.message !== undefined ? { message: e.message } : {}),
          ...(e.deprecated !== undefined ? { deprecated: e.deprecated } : {}),
          pii: { hash: e.pii.hash, redact: e.pii.redact },
          properties: e.properties,
        },
      ]),
    ),
  }
}

export interface PythonOptions {
  catalogFile: string
}

export function renderPython(compiled: CompiledCatalog, options: PythonOptions): string {
  const events = pythonEvents(compiled)
  for (const e of events) {
    if (RUNTIME_NAMES.has(e.name)) throw new GenerateNameCollisionError(e.name, [e.name, `linecast's own Python ${e.name}()`])
  }
  return [
    `# ${headerText(options.catalogFile)}\n`,
    `"""Typed helpers for the events ${options.catalogFile} marks \`runtimes: [python]\`.\n\n`,
    `    import events\n    events.${events[0]?.name ?? 'some_event'}(...)  # one validated JSON line on stdout\n"""\n`,
    `from __future__ import annotations\n\n`,
    `import contextlib\nimport contextvars\nimport datetime\nimport hashlib\nimport hmac\nimport json\nimport os\nimport re\nimport sys\nimport urllib.parse\nimport uuid\n`,
    `from typing import Any, Dict, Iterator, List, Literal, NoReturn, Optional, TextIO\n\n`,
    `_CATALOG: Dict[str, Any] = json.loads(${JSON.stringify(JSON.stringify(catalogData(compiled, events)))})\n\n`,
    pythonRuntime(),
    `\n\n# --- one function per event ------------------------------------------------------------\n`,
    ...events.map(eventFunction),
  ].join('')
}
