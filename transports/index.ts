/**
 * The transports as the application's thread sees them: open the worker, write
 * lines, flush, close. The worker side lives in `worker/`, the destinations in
 * `sinks/`; `control.ts` and `options.ts` are the contract between the two sides.
 */
export * from './main/open-transport.js'
