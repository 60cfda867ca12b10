import { randomUUID } from 'node:crypto'
import type { FastifyBaseLogger, FastifyServerOptions } from 'fastify'
import type { Config } from './config.js'
import { loggerOptions } from './logger.js'

/** TRUST_PROXY: "true"/"false", or a comma-separated list of proxy addresses or CIDR ranges. */
function trustProxy (value: string): boolean | string[] {
  if (value === 'true' || value === 'false') return value === 'true'
  return value.split(',').map((part) => part.trim()).filter(Boolean)
}

function isLoggerInstance (logger: FastifyServerOptions['logger'] | FastifyBaseLogger): logger is FastifyBaseLogger {
  return typeof logger === 'object' && typeof (logger as FastifyBaseLogger).child === 'function'
}

/** Fastify instance options shared by the server entry and the tests; `logger` may be a pino logger. */
export function serverOptions (config: Config, logger: FastifyServerOptions['logger'] | FastifyBaseLogger = loggerOptions(config)): FastifyServerOptions {
  return {
    ...(isLoggerInstance(logger) ? { loggerInstance: logger } : { logger }),
    trustProxy: trustProxy(config.TRUST_PROXY),
    bodyLimit: 256 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: true, useDefaults: true } }
  }
}
