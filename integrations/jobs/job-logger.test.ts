import { describe, expect, it } from 'vitest'
import { captureLogger } from '../../test/integrations/capture-logger.js'
import { createJobLogger, jobFields } from './job-logger.js'

const JOB = {
  id: '17',
  name: 'render_logo',
  queueName: 'logos',
  attemptsMade: 1,
  data: { brandId: 'brand-3', userId: 'user-3', prompt: 'x', __linecast: { requestId: 'req-3', userId: 'enqueuer' } },
}

describe('job fields', () => {
  it('takes the enqueuer context, then the named data fields, then the job identity', () => {
    expect(jobFields(JOB, ['userId', 'brandId'])).toEqual({
      requestId: 'req-3',
      userId: 'user-3',
      brandId: 'brand-3',
      jobId: '17',
      queue: 'logos',
      jobName: 'render_logo',
      attempt: 2,
    })
  })

  it('binds them on a child logger that still has the typed emit', () => {
    const { log, out } = captureLogger()
    const jobLog = createJobLogger(JOB, log, ['userId', 'brandId'])
    jobLog.emit.jobStarted({ queue: 'logos', jobName: 'render_logo', attempt: 2 })
    jobLog.info('step done')
    expect(out.lines).toHaveLength(2)
    for (const line of out.lines) {
      expect(line).toMatchObject({ requestId: 'req-3', userId: 'user-3', brandId: 'brand-3', jobId: '17', queue: 'logos', attempt: 2 })
    }
    expect(out.lines[0]?.event).toBe('job_started')
  })

  it('copies only userId and tenantId from the data unless told otherwise', () => {
    expect(jobFields(JOB)).toEqual({ requestId: 'req-3', userId: 'user-3', jobId: '17', queue: 'logos', jobName: 'render_logo', attempt: 2 })
  })
})
