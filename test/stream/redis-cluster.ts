/**
 * A three-node Redis Cluster owned by one test: redis-server processes on
 * free ports with their own temp dir (no persistence), joined with
 * `redis-cli --cluster create`, ready once every node says `cluster_state:ok`.
 * Never the machine's shared Redis.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { freePort } from './redis-server.js'

const run = promisify(execFile)

export interface OwnedCluster {
  ports: number[]
  /** comma-separated seed URLs, as `delivery.redisUrl` takes them */
  url: string
  stop(): Promise<void>
}

async function clusterOk(port: number): Promise<boolean> {
  try {
    const { stdout } = await run('redis-cli', ['-p', String(port), 'cluster', 'info'])
    return stdout.includes('cluster_state:ok')
  } catch {
    return false
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Redis Cluster: ${what} not within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export async function ownedCluster(size = 3): Promise<OwnedCluster> {
  for (const binary of ['redis-server', 'redis-cli']) {
    await run(binary, ['--version']).catch(() => {
      throw new Error(`${binary} is not installed; the Redis Cluster tests start their own nodes (apt-get install redis-server)`)
    })
  }
  const dir = mkdtempSync(join(tmpdir(), 'linecast-cluster-'))
  const ports: number[] = []
  while (ports.length < size) {
    const port = await freePort()
    // the cluster bus listens on port + 10000: both must be free
    if (port < 55535 && !ports.includes(port)) ports.push(port)
  }
  const nodes: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--cluster-enabled', 'yes', '--cluster-config-file', join(dir, `nodes-${port}.conf`), '--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      { stdio: 'ignore' },
    ),
  )
  const stop = async (): Promise<void> => {
    await Promise.all(
      nodes.map(
        (node) =>
          new Promise<void>((resolve) => {
            if (node.exitCode !== null || node.signalCode !== null) return resolve()
            node.once('exit', () => resolve())
            node.kill('SIGKILL')
          }),
      ),
    )
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    for (const port of ports) await waitFor(`node ${port} answering`, async () => run('redis-cli', ['-p', String(port), 'ping']).then((r) => r.stdout.includes('PONG'), () => false), 10_000)
    await run('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'])
    for (const port of ports) await waitFor(`cluster_state:ok on ${port}`, () => clusterOk(port), 20_000)
  } catch (error) {
    await stop()
    throw error
  }
  return { ports, url: ports.map((p) => `redis://127.0.0.1:${p}`).join(','), stop }
}
