/**
 * `linecast demo`: runs the brand API example (examples/brand-api) on the
 * embedded default under a short load; what `npm start` runs. The example
 * (Express, BullMQ) is loaded only when the command runs.
 */
import { defineCommand } from '../command.js'
import { UsageError } from '../errors.js'

function wholeNumber(value: string, option: string, min: number, max: number): number {
  const n = Number(value)
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`--${option} ${value} is not a whole number from ${min} to ${max}`, 'demo')
  return n
}

export const demoCommand = defineCommand({
  name: 'demo',
  summary: 'run the example brand API under a short load: requests, jobs, AI costs, an alert, a cost report',
  description:
    'Starts examples/brand-api on the embedded default: audit_log in PGlite under .linecast/ (Postgres when\n' +
    'DATABASE_URL is set), BullMQ and shared alert windows when REDIS_URL answers (else jobs run inline and\n' +
    'windows are per-process), vendors off unless their variables are set. Sends a fixed sequence of real\n' +
    'HTTP requests (brands, logo and video jobs, a 404, a failing route) whose AI spend trips the\n' +
    'cost_anomaly alert, writes the cost report of the run, prints a summary and exits.\n' +
    'Lines are pretty on a terminal, JSON otherwise.',
  options: {
    port: { type: 'string', valueName: 'PORT', default: '0', description: 'port of the service; 0 picks a free one' },
    requests: { type: 'string', valueName: 'N', default: '30', description: 'requests in the load' },
    'keep-running': { type: 'boolean', description: 'leave the service up after the load until Ctrl-C' },
    json: { type: 'boolean', description: 'JSON lines and a JSON summary, even on a terminal' },
  },
  async run({ values, out, cwd, env, signal }) {
    const options = {
      port: wholeNumber(values.port, 'port', 0, 65535),
      requests: wholeNumber(values.requests, 'requests', 1, 1000),
      keepRunning: values['keep-running'] === true,
      json: values.json === true,
    }
    // the demo (the example service, Express, BullMQ) is not in the published package
    const { runDemo } = await import('../demo/run.js').catch((error: unknown) => {
      throw new UsageError(
        `the demo runs in a clone of the linecast repository (npm ci && npm start there): ${error instanceof Error ? error.message : String(error)}`,
        'demo',
      )
    })
    return runDemo(options, { out, cwd, env, signal })
  },
})
