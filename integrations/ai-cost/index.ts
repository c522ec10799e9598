/** `linecast/ai-cost`: the cost of an AI call from the catalog's pricing, and `ai_api_call` for each call. */
export { calculateCost, type AIUsage, type CostWarner } from './calculate-cost.js'
export { trackAICall, aiCostTracker, type AICall, type AICallOptions } from './track-ai-call.js'
export type { AIApiCall, AICostEvents } from './events.js'
