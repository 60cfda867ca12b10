import type { FastifyInstance } from 'fastify'
import type { Config } from '../../config.js'
import { registerRateLimit } from '../../plugins/external/rate-limit.js'
import optionsRoute from './options.js'
import confirmRoute from './confirm.js'
import orderRoutes from './orders.js'

/** The public storefront routes, behind a per-client rate limit. */
export default async function checkoutRoutes (fastify: FastifyInstance, { config }: { config: Config }): Promise<void> {
  await registerRateLimit(fastify, config)
  await fastify.register(optionsRoute)
  await fastify.register(confirmRoute)
  await fastify.register(orderRoutes)
}
