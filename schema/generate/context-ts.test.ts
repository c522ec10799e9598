import { describe, expect, it } from 'vitest'
import { loadCatalogText } from '../load.js'
import { renderContextTs, UNTYPED_CONTEXT_FIELD } from './context-ts.js'
import { renderEventsTs } from './events-ts.js'

function load(...context: string[]) {
  const text = ['catalog: 1', 'service: shop', ...context, 'events:', '  order_placed:', '    description: d', '    properties: { total: number }', ''].join('\n')
  return loadCatalogText(text, 'events.catalog.yaml', { builtin: false })
}

describe('the context in events.ts', () => {
  it('types each field of a context mapping like a property, in catalog order', () => {
    const { compiled, diagnostics } = load('context:', '  requestId: string', '  attempt: { type: integer, min: 1, description: Run number }', '  plan: { type: enum, values: [free, pro] }')
    expect(diagnostics).toEqual([])
    expect(compiled.context).toEqual(['requestId', 'attempt', 'plan'])
    expect(renderContextTs(compiled, "'linecast'")).toBe(
      [
        '',
        "/** The catalog's context fields: what `withContext` accepts, stamped on every line written inside it. */",
        'export interface LinecastContext {',
        '  requestId?: string',
        '  /**',
        '   * Run number',
        '   * @asType integer',
        '   * @minimum 1',
        '   */',
        '  attempt?: number',
        '  plan?: "free" | "pro"',
        '}',
        '',
        "declare module 'linecast' {",
        '  interface ContextFields extends LinecastContext {}',
        '}',
        '',
      ].join('\n'),
    )
  })

  it('keeps the plain list form: its fields take scalars', () => {
    const { compiled, diagnostics } = load('context: [requestId, tenantId]')
    expect(diagnostics).toEqual([])
    expect(compiled.contextTypes).toBeUndefined()
    expect(renderContextTs(compiled, "'linecast'")).toContain(`  requestId?: ${UNTYPED_CONTEXT_FIELD}\n  tenantId?: ${UNTYPED_CONTEXT_FIELD}\n`)
  })

  it('adds nothing without context fields; events.ts augments the runtime module it imports', () => {
    expect(renderContextTs(load().compiled, "'linecast'")).toBe('')
    const text = renderEventsTs(load('context: { requestId: string }').compiled, { catalogFile: 'events.catalog.yaml', runtimeImport: '@acme/linecast' })
    expect(text).toContain("declare module '@acme/linecast' {\n  interface ContextFields extends LinecastContext {}\n}\n")
  })

  it('refuses a context field named like a field every line carries, in either form', () => {
    expect(load('context: { level: string }').diagnostics.map((d) => d.code)).toEqual(['LC_RESERVED_PROPERTY'])
    expect(load('context: [msg]').diagnostics.map((d) => d.code)).toEqual(['LC_RESERVED_PROPERTY'])
  })
})
