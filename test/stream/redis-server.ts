/**
 * A redis-server owned by one test: its own port and temp dir, AOF fsync'd on
 * every write so a kill loses nothing it acknowledged, stopped with SIGKILL
 * and started again on the same port and data. Never the machine's shared Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export interface OwnedRedis {
  port: number
  url: string
  start(): Promise<void>
  /** SIGKILL: an outage, not a shutdown */
  kill(): Promise<void>
}

async function answers(port: number): Promise<boolean> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, enableOfflineQueue: false, retryStrategy: () => null, maxRetriesPerRequest: 0 })
  client.on('error', () => undefined)
  try {
    await client.connect()
    return (await client.ping()) === 'PONG'
  } catch {
    return false
  } finally {
    client.disconnect()
  }
}

export async function ownedRedis(extraArgs: string[] = []): Promise<OwnedRedis> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'linecast-redis-'))
  let child: ChildProcess | undefined
  const owned: OwnedRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always', '--save', '', ...extraArgs], { stdio: 'ignore' })
      const deadline = Date.now() + 10_000
      while (!(await answers(port))) {
        if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer within 10 s`)
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    },
    async kill() {
      const running = child
      if (running === undefined || running.exitCode !== null) return
      const exited = new Promise((resolve) => running.once('exit', resolve))
      running.kill('SIGKILL')
      await exited
    },
  }
  return owned
}
