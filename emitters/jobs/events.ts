/**
 * The built-in job events (schema/builtin.catalog.yaml) as the generated
 * catalog types them; the `LinecastLogger` of any generated catalog is
 * assignable to `LinecastLogger<JobEvents>`.
 */
export interface JobEvents {
  job_started: { queue: string; jobName: string; attempt: number }
  job_completed: { queue: string; jobName: string; attempt: number; duration_ms: number }
  job_failed: {
    queue: string
    jobName: string
    attempt: number
    duration_ms: number
    error: string
    errorType?: string
    willRetry?: boolean
  }
}
