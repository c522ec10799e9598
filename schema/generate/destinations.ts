/**
 * Which destinations an event reaches, for the docs: the rule lives in
 * schema/reach.ts (lint uses it too). Sampling and alerts are not reflected
 * here; the router decides at run time.
 */
export { eventDestinations, type EventDestination } from '../../core/reach.js'
