/**
 * Loaded with `node --import` into a child process the benches measure: on
 * exit it writes the process's CPU time and peak resident memory as JSON to
 * the file named by LINECAST_BENCH_USAGE.
 */
import { writeFileSync } from 'node:fs'

const target = process.env.LINECAST_BENCH_USAGE
if (target !== undefined && target !== '') {
  process.on('exit', () => {
    const usage = process.resourceUsage()
    writeFileSync(target, JSON.stringify({ cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKb: usage.maxRSS }))
  })
}
