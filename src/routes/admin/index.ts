import type { FastifyInstance } from 'fastify'
import consignmentRoutes from './consignments.js'
import orderRoutes from './orders.js'
import queueRoute from './queue.js'

/** Operator routes; every one needs a staff key. */
export default async function adminRoutes (fastify: FastifyInstance): Promise<void> {
  fastify.addHook('onRequest', fastify.requireStaff)
  await fastify.register(orderRoutes)
  await fastify.register(queueRoute)
  await fastify.register(consignmentRoutes)
}
