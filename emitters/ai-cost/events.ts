/**
 * The built-in `ai_api_call` event (schema/builtin.catalog.yaml) as the
 * generated catalog types it. Every service catalog extends the built-in
 * part, so any generated catalog's logger is a `LinecastLogger<AICostEvents>`.
 */
export interface AIApiCall {
  provider: string
  model: string
  taskType: string
  inputTokens?: number
  outputTokens?: number
  cachedInputTokens?: number
  images?: number
  videos?: number
  videoSeconds?: number
  duration_ms: number
  cost: number
  success: boolean
  error?: string
}

export interface AICostEvents {
  ai_api_call: AIApiCall
}
