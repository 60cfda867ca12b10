import { randomUUID } from 'node:crypto'
import type { FastifyServerOptions } from 'fastify'
import type { Config } from './config.js'
import { loggerOptions } from './logger.js'

/** Fastify instance options shared by the server entry and the tests. */
export function serverOptions (config: Config, logger: FastifyServerOptions['logger'] = loggerOptions(config)): FastifyServerOptions {
  return {
    logger,
    bodyLimit: 256 * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    return503OnClosing: true,
    connectionTimeout: 30_000,
    requestTimeout: 30_000,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: true, useDefaults: true } }
  }
}
