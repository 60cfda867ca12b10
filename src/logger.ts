import type { LoggerOptions } from 'pino'
import type { Config } from './config.js'

/**
 * Paths pino blanks out wherever they appear in a log line. Secrets (the PRO key, staff keys,
 * order tokens) travel in these headers and options only.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["ocp-apim-subscription-key"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["ocp-apim-subscription-key"]',
  'apiKey',
  '*.apiKey',
  'PRO_API_KEY',
  '*.PRO_API_KEY',
  'STAFF_API_KEYS',
  '*.STAFF_API_KEYS',
  'orderToken',
  '*.orderToken'
]

export function loggerOptions (config: Pick<Config, 'LOG_LEVEL' | 'LOG_PRETTY'>): LoggerOptions {
  const options: LoggerOptions = {
    level: config.LOG_LEVEL,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' }
  }
  if (config.LOG_PRETTY) {
    options.transport = { target: 'pino-pretty', options: { translateTime: 'SYS:standard' } }
  }
  return options
}
