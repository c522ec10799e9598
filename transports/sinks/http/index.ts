/** Shared by the sinks that POST over HTTP (Betterstack, Slack, Mixpanel) and their settings parsing. */
export { classifyHttpResponse, classifyNetworkError, type ClassifyOptions, type HeaderSource } from './classify.js'
export { parseRetryAfter } from './retry-after.js'
export { postJson, sendJson, type Fetch, type HttpReply, type PostOptions, type SentJson } from './post.js'
export { DestinationSettingsError, LineEncodeError } from './errors.js'
export { httpUrlSetting, parseSettings } from './settings.js'
export { lineContext, lineProperties } from './line-fields.js'
