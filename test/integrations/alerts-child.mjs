// One of the processes sharing an alert window: runs the compiled evaluator
// against Redis, adds COUNT ai_api_call lines of COST USD each (one store
// round trip per line, so the processes interleave), and prints the alert
// lines it produced as one JSON array on stdout.
import { compiled } from '../../dist/generated/events.js'
import { AlertEvaluator, RedisWindowStore } from '../../dist/transports/worker/alerts/index.js'

const { REDIS_URL, PREFIX, COUNT, COST, ABOVE } = process.env
const rule = {
  name: 'cost_anomaly',
  when: { event: 'ai_api_call', measure: 'sum', property: 'cost', windowMs: 3_600_000, over: '1h', above: Number(ABOVE) },
  to: ['sentry', 'slack'],
  severity: 'p1',
}
const fired = []
const evaluator = new AlertEvaluator({
  catalog: { ...compiled, alerts: { cost_anomaly: rule } },
  store: RedisWindowStore.fromUrl(REDIS_URL, { prefix: PREFIX }),
  onAlert: (alert) => fired.push(alert.line),
  onError: (error) => {
    process.stderr.write(`${error.message}\n`)
    process.exitCode = 1
  },
})
for (let i = 0; i < Number(COUNT); i++) {
  evaluator.observe({ level: 'info', time: new Date().toISOString(), eventId: `e${i}`, event: 'ai_api_call', cost: Number(COST) })
  await evaluator.flush()
}
await evaluator.close()
process.stdout.write(JSON.stringify(fired))
