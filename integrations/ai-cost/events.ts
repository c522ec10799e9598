/**
 * The built-in `ai_api_call` event, typed by schema/builtin-events.ts (generated
 * from schema/builtin.catalog.yaml). Every service catalog extends the built-in
 * part, so any generated catalog's logger is a `LinecastLogger<AICostEvents>`.
 */
import type { AiApiCall, BuiltinEvents } from '../../schema/builtin-events.js'

export type AIApiCall = AiApiCall

export type AICostEvents = Pick<BuiltinEvents, 'ai_api_call'>
