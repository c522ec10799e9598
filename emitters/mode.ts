/**
 * Which mode a logger runs in, from `env` (the option, else NODE_ENV):
 * `development` and `test` throw `EventValidationError` on an invalid event;
 * every other value, and an unset NODE_ENV, is production: the event becomes
 * a `linecast.invalid_event` line and the call never throws. `onInvalid`
 * overrides either. The logger says once at start which mode it took.
 */
import type { Logger } from 'pino'
import type { OnInvalid } from './types.js'

export const LOGGER_MODE_EVENT = 'linecast.logger_mode'

/** The environments in which an invalid event throws. */
export const THROWING_ENVS: readonly string[] = ['development', 'test']

export interface LoggerMode {
  env: string
  /** where `env` came from */
  envFrom: 'option' | 'NODE_ENV' | 'unset'
  onInvalid: OnInvalid
  onInvalidFrom: 'option' | 'env'
}

export function resolveMode(options: { env?: string | undefined; onInvalid?: OnInvalid | undefined }, nodeEnv: string | undefined): LoggerMode {
  const fromNodeEnv = nodeEnv !== undefined && nodeEnv !== ''
  const env = options.env ?? (fromNodeEnv ? nodeEnv : 'production')
  const envFrom = options.env !== undefined ? 'option' : fromNodeEnv ? 'NODE_ENV' : 'unset'
  if (options.onInvalid !== undefined) return { env, envFrom, onInvalid: options.onInvalid, onInvalidFrom: 'option' }
  return { env, envFrom, onInvalid: THROWING_ENVS.includes(env) ? 'throw' : 'log', onInvalidFrom: 'env' }
}

function modeMessage(mode: LoggerMode): string {
  const source = mode.envFrom === 'unset' ? 'NODE_ENV is unset' : mode.envFrom === 'NODE_ENV' ? `NODE_ENV=${mode.env}` : `env: '${mode.env}'`
  const effect =
    mode.onInvalid === 'throw'
      ? 'an invalid event throws EventValidationError'
      : 'an invalid event is written as a linecast.invalid_event line and never throws'
  const override = mode.onInvalidFrom === 'option' ? ` (onInvalid: '${mode.onInvalid}')` : ''
  return `linecast logger in ${mode.env} mode (${source}): ${effect}${override}`
}

/**
 * The one line a new logger writes about its mode when the mode came from the
 * process environment (NODE_ENV, or its absence): the case a deployment can
 * get wrong without noticing. A logger given `env` was told its mode, and a
 * test run (NODE_ENV=test) keeps its streams to itself.
 */
export function announceMode(logger: Logger, mode: LoggerMode): void {
  if (mode.envFrom === 'option' || mode.env === 'test') return
  logger.info({ event: LOGGER_MODE_EVENT, kind: 'metric', envFrom: mode.envFrom, onInvalid: mode.onInvalid }, modeMessage(mode))
}
