import { describe, expect, it } from 'vitest'
import { openTransport, WorkerNotBuiltError, workerPath } from '../../transports/main/open-transport.js'

describe('workerPath', () => {
  it('maps the TypeScript source to the compiled worker and a build to its sibling', () => {
    expect(workerPath('/repo/transports/main/thread.ts')).toBe('/repo/dist/transports/worker/worker.js')
    expect(workerPath('/repo/dist/transports/main/thread.js')).toBe('/repo/dist/transports/worker/worker.js')
    expect(workerPath('/app/node_modules/linecast/dist/transports/main/thread.js')).toBe('/app/node_modules/linecast/dist/transports/worker/worker.js')
  })

  it('says to build when the worker is missing', async () => {
    const { startThread } = await import('../../transports/main/thread.js')
    expect(() => startThread({}, '/nonexistent/dist/transports/worker.js')).toThrow(WorkerNotBuiltError)
    expect(typeof openTransport).toBe('function')
  })
})
