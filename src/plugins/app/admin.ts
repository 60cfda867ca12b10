import fp from 'fastify-plugin'
import type { AdminOrder, AdminOrderPage, AdminOrdersQuery, QueueOverview } from '../../schemas/admin.js'
import { retryLabel } from '../../services/admin/label-retry.js'
import { listOrders, retryOrder } from '../../services/admin/orders.js'
import { queueOverview } from '../../services/admin/queue.js'

export interface Admin {
  listOrders (query: AdminOrdersQuery): Promise<AdminOrderPage>
  retryOrder (orderId: string, staffKeyId: string | null): Promise<AdminOrder>
  queueOverview (): Promise<QueueOverview>
  retryLabel (reference: string): Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    admin: Admin
  }
}

/** The operator services, with their dependencies bound. */
export default fp(async function admin (fastify) {
  const pool = fastify.db.pool
  fastify.decorate('admin', {
    listOrders: (query) => listOrders(pool, query),
    retryOrder: (orderId, staffKeyId) => retryOrder({ pool, jobs: fastify.jobs }, orderId, staffKeyId),
    queueOverview: () => queueOverview(pool),
    retryLabel: (reference) => retryLabel({ pool, jobs: fastify.jobs }, reference)
  } satisfies Admin)
}, { name: 'admin', dependencies: ['db', 'jobs'] })
