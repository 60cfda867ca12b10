import type { FastifyInstance } from 'fastify'
import consignmentRoutes from './consignments.js'
import quoteRoutes from './quotes.js'
import documentRoutes from './documents.js'

/** The staff Quotes flow; every route needs a staff key. */
export default async function contactCentreRoutes (fastify: FastifyInstance): Promise<void> {
  fastify.addHook('onRequest', fastify.requireStaff)
  // Consignment data and documents are personal and change: no cache may keep them.
  fastify.addHook('onSend', async (_request, reply) => { reply.header('cache-control', 'no-store') })
  await fastify.register(consignmentRoutes)
  await fastify.register(quoteRoutes)
  await fastify.register(documentRoutes)
}
