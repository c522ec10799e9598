import { describe, expect, it } from 'vitest'
import { loadCatalogText } from './load.js'
import { eventRuntimes, helperCall, lineRuntime } from './runtimes.js'
import { generateFiles } from './generate/index.js'

const catalog = (extra: string[], runtimes: string): string =>
  [
    'catalog: 1',
    'service: shop',
    ...extra,
    'events:',
    '  cart_viewed:',
    '    description: A visitor opened the cart.',
    ...(runtimes === '' ? [] : [`    runtimes: ${runtimes}`]),
    '    properties:',
    '      cartId: { type: string }',
    '  order_placed:',
    '    description: An order was placed.',
    '    properties:',
    '      orderId: { type: string }',
    '',
  ].join('\n')

const load = (text: string) => loadCatalogText(text, 'events.catalog.yaml', { builtin: false })

describe('runtimes and targets in the catalog', () => {
  it('reads an event\'s runtimes and the catalog\'s targets; an event without runtimes is server only', () => {
    const { compiled } = load(catalog(['targets: [python]'], '[server, browser]'))
    expect(compiled.targets).toEqual(['python'])
    expect(compiled.events.cart_viewed?.runtimes).toEqual(['server', 'browser'])
    expect(compiled.events.order_placed?.runtimes).toBeUndefined()
    expect(eventRuntimes(compiled.events.order_placed ?? { runtimes: undefined })).toEqual(['server'])
  })

  it('reports an unknown runtime or target at its place, with a suggestion', () => {
    const run = (text: string) =>
      load(text)
        .diagnostics.filter((d) => d.severity === 'error')
        .map((d) => `${d.code}@${d.line}:${d.column} ${d.message}`)
    expect(run(catalog([], '[server, browsr]'))).toEqual(['LC_INVALID_VALUE@6:24 `browsr` is not a runtime; did you mean `browser`?'])
    expect(run(catalog(['targets: [ios]'], ''))).toEqual(['LC_INVALID_VALUE@3:11 `ios` is not a target; expected one of `browser`, `python`'])
    expect(run(catalog([], '[]'))[0]).toMatch(/^LC_INVALID_VALUE@6:15 `runtimes` is empty/)
  })

  it('generates the modules the targets ask for, and the command line adds to them', () => {
    const { compiled } = load(catalog(['targets: [browser]'], '[browser, python]'))
    const paths = (targets: ('browser' | 'python')[]) => generateFiles(compiled, { catalogFile: 'events.catalog.yaml', targets }).map((f) => f.path)
    expect(paths([])).toContain('events.browser.ts')
    expect(paths([])).not.toContain('events.py')
    expect(paths(['python'])).toEqual(expect.arrayContaining(['events.browser.ts', 'events.py']))
  })

  it('names the helper of each runtime and reads a line\'s runtime', () => {
    const event = { name: 'cart_viewed', helper: 'cartViewed' }
    expect([helperCall(event, 'server'), helperCall(event, 'browser'), helperCall(event, 'python')]).toEqual([
      'log.emit.cartViewed(…)',
      'track.cartViewed(…)',
      'events.cart_viewed(…)',
    ])
    expect([lineRuntime(undefined), lineRuntime('python'), lineRuntime('browser'), lineRuntime('ruby')]).toEqual(['server', 'python', 'browser', 'unknown'])
  })
})
