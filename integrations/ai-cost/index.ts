export { calculateCost, roundUsd, UNKNOWN_MODEL_EVENT, type AIUsage, type CostWarner } from './calculate-cost.js'
export { trackAICall, aiCostTracker, aiCallRecord, type AICall, type AICallOptions } from './track-ai-call.js'
export { providerOf } from './provider.js'
export type { AIApiCall, AICostEvents } from './events.js'
