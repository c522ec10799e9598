/** `linecast/monitors`: slowness warnings, timers and cron monitors. */
export {
  ThresholdError,
  trackExternalCall,
  trackPerformance,
  trackQuery,
  type SlownessOptions,
  type SlownessTier,
  type TrackOptions,
} from './performance.js'
export { startTimer, type Lap, type Timer, type TimerOptions, type TimerResult } from './timer.js'
export { MonitorConfigError, withMonitor, type MonitorOptions, type MonitorSpec } from './cron.js'
export type { CronEvents, CronMonitorFields, SlowCategory, SlownessEvents } from './events.js'
