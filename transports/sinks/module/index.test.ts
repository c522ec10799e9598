import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { CompiledCatalog } from '../../../schema/compiled.js'
import type { SinkContext } from '../../worker/delivery/types.js'
import { createSink, ModuleSinkLoadError, ModuleSinkSettingsError, modulePath } from './index.js'

const catalog = { catalog: 1, service: 's', destinations: {}, routes: {}, events: {} } as unknown as CompiledCatalog
const ctx = (settings: Record<string, unknown>): SinkContext => ({ settings, catalog, report: () => undefined })

function writeModule(source: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'linecast-module-')), 'sink.mjs')
  writeFileSync(path, source)
  return path
}

describe('module sink', () => {
  it('loads createSink from a path relative to the cwd and passes the other settings', async () => {
    const path = writeModule(`export function createSink(name, ctx) {
      return { name: 'ignored', limits: { maxItems: 7 }, encode: (l) => ({ id: l.eventId, tag: ctx.settings.tag }), send: async () => ({ type: 'ok' }) }
    }`)
    const sink = await createSink('warehouse', ctx({ module: relative(process.cwd(), path), tag: 'blue' }))
    expect(sink.name).toBe('warehouse')
    expect(sink.limits).toEqual({ maxItems: 7 })
    expect(sink.encode({ level: 'info', time: 't', eventId: 'e1' })).toEqual({ id: 'e1', tag: 'blue' })
    expect(await sink.send([], new AbortController().signal)).toEqual({ type: 'ok' })
  })

  it('hands the raw line text to the module and uses its item sizes', async () => {
    const path = writeModule(`export function createSink() {
      return { encode: (l, raw) => raw ?? JSON.stringify(l), itemBytes: (item) => item.length * 2, send: async () => ({ type: 'ok' }) }
    }`)
    const sink = await createSink('warehouse', ctx({ module: path }))
    const raw = '{"level":"info","time":"t","eventId":"e1","extra":1}'
    expect(sink.encode({ level: 'info', time: 't', eventId: 'e1' }, raw)).toBe(raw)
    expect(sink.itemBytes?.(raw)).toBe(raw.length * 2)
  })

  it('says what to fix when the module path is missing', async () => {
    await expect(createSink('w', ctx({}))).rejects.toBeInstanceOf(ModuleSinkSettingsError)
    await expect(createSink('w', ctx({ module: '' }))).rejects.toThrow(/module: \.\/sinks\/my-sink\.js/)
  })

  it('fails to load a missing module, one without createSink, or one returning no sink', async () => {
    const missing = createSink('w', ctx({ module: '/nonexistent/linecast-sink.mjs' }))
    await expect(missing).rejects.toBeInstanceOf(ModuleSinkLoadError)
    await expect(missing).rejects.toMatchObject({ code: 'LINECAST_MODULE_LOAD' })
    await expect(createSink('w', ctx({ module: writeModule('export const x = 1') }))).rejects.toThrow(/does not export createSink/)
    await expect(createSink('w', ctx({ module: writeModule('export const createSink = () => ({})') }))).rejects.toThrow(/returned no sink/)
  })

  it('resolves relative paths against the working directory', () => {
    expect(modulePath('./a.js', '/srv/app')).toBe('/srv/app/a.js')
    expect(modulePath('/abs/a.js', '/srv/app')).toBe('/abs/a.js')
  })
})
