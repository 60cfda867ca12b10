import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../../config.js'
import { AppError } from '../../errors.js'

function timeWindow (value: string): string | number {
  return /^\d+$/.test(value) ? Number(value) : value
}

/**
 * Per-client request budget for the routes of the calling plugin (not global: registered inside the
 * checkout routes' scope). The client is the request IP, so behind a CDN set TRUST_PROXY.
 */
export async function registerRateLimit (fastify: FastifyInstance, config: Config): Promise<void> {
  await fastify.register(rateLimit, {
    global: true,
    max: config.RATE_LIMIT_MAX,
    timeWindow: timeWindow(config.RATE_LIMIT_WINDOW),
    cache: 10_000,
    errorResponseBuilder: (_request, context) => new AppError('RATE_LIMITED', {
      detail: `At most ${context.max} requests per ${context.after === '' ? 'window' : 'window; retry in ' + context.after}`,
      retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000))
    })
  })
}
