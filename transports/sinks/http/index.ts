/** Shared by the sinks that POST over HTTP (Betterstack, Slack, Mixpanel, PostHog) and their settings parsing. */
export { classifyHttpResponse, classifyNetworkError, type ClassifyOptions, type HeaderSource } from './classify.js'
export { parseRetryAfter } from './retry-after.js'
export { createHttpTarget, jsonArray, type HttpReply, type HttpTarget, type HttpTargetOptions, type PostOptions, type SentBody } from './client.js'
export { postJson, sendJson } from './post.js'
export { DestinationSettingsError, LineEncodeError } from './errors.js'
export { httpUrlSetting, parseSettings } from './settings.js'
export { lineContext, lineProperties } from './line-fields.js'
export { spliceField } from './splice.js'
