import { describe, expect, it } from 'vitest'
import { JobTracker } from './tracker.js'

describe('job tracker', () => {
  it('is idle at once with nothing pending', async () => {
    await expect(new JobTracker().idle(1000)).resolves.toBeUndefined()
  })

  it('waits for every enqueued job, also one that finished before its id was known', async () => {
    const tracker = new JobTracker()
    tracker.finished('early', 'completed')
    tracker.added('early')
    tracker.added('a')
    tracker.added('b')
    const idle = tracker.idle(5000)
    tracker.retried()
    tracker.finished('a', 'failed')
    tracker.finished('b', 'completed')
    await expect(idle).resolves.toBeUndefined()
    expect(tracker.counts()).toEqual({ enqueued: 3, completed: 2, retried: 1, failed: 1 })
  })

  it('rejects when jobs are still running at the deadline, naming how many', async () => {
    const tracker = new JobTracker()
    tracker.added('stuck')
    await expect(tracker.idle(10)).rejects.toThrow('1 job(s) still running after 10 ms')
  })
})
