import { describe, expect, it } from 'vitest'
import { importPeer, installCommand, loadWithPeers, missingPackage, packageOf, PeerDependencyMissingError, requirePeer } from './peer.js'

describe('optional peer dependencies', () => {
  it('names who needs a missing package and the command that installs it', () => {
    let thrown: unknown
    try {
      requirePeer('linecast-no-such-sdk', 'the "warehouse" destination')
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(PeerDependencyMissingError)
    expect((thrown as PeerDependencyMissingError).code).toBe('LINECAST_PEER_MISSING')
    expect((thrown as Error).message).toBe(
      'the "warehouse" destination needs linecast-no-such-sdk, which is not installed: run `npm install linecast-no-such-sdk`',
    )
  })

  it('says --save-dev for a build-time tool', () => {
    expect(() => requirePeer('@linecast-test/no-such-tool/sub', 'linecast generate', [], 'dev')).toThrow(
      'linecast generate needs @linecast-test/no-such-tool, which is not installed: run `npm install --save-dev @linecast-test/no-such-tool`',
    )
  })

  it('loads an installed package', async () => {
    expect(typeof requirePeer<{ parse: unknown }>('yaml', 'test').parse).toBe('function')
    expect(typeof (await importPeer<{ parse: unknown }>('yaml', 'test')).parse).toBe('function')
  })

  it('maps a failed dynamic import of a module that needs a missing package', async () => {
    await expect(loadWithPeers(() => import('linecast-no-such-sdk' as string), ['linecast-no-such-sdk'], 'audit_log on Postgres')).rejects.toThrow(
      'audit_log on Postgres needs linecast-no-such-sdk',
    )
    await expect(importPeer('linecast-no-such-sdk', 'x')).rejects.toBeInstanceOf(PeerDependencyMissingError)
  })

  it('leaves other failures alone: only a missing package from the list is a missing peer', async () => {
    const broken = Object.assign(new Error("Cannot find package 'tslib' imported from /x/bullmq/index.js"), { code: 'ERR_MODULE_NOT_FOUND' })
    expect(missingPackage(broken, ['bullmq'])).toBeUndefined()
    expect(missingPackage(broken, ['bullmq', 'tslib'])).toBe('tslib')
    expect(missingPackage(new Error("Cannot find package 'bullmq'"), ['bullmq'])).toBeUndefined()
    await expect(loadWithPeers(() => Promise.reject(new TypeError('boom')), ['pg'], 'x')).rejects.toThrow('boom')
  })

  it('reads the package of a specifier', () => {
    expect(packageOf('@sentry/node')).toBe('@sentry/node')
    expect(packageOf('@bull-board/api/bullMQAdapter')).toBe('@bull-board/api')
    expect(packageOf('pg')).toBe('pg')
    expect(installCommand(['@bull-board/api', '@bull-board/express'])).toBe('npm install @bull-board/api @bull-board/express')
  })
})
