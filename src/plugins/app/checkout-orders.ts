import fp from 'fastify-plugin'
import type { Config } from '../../config.js'
import { confirmOrder, type ConfirmOutcome } from '../../services/checkout/confirm.js'
import { followOrderEvents } from '../../services/checkout/order-events.js'
import { authorisedOrder, readOrder, type ReadOrderResult } from '../../services/checkout/order-status.js'
import type { ConfirmRequest } from '../../schemas/checkout-orders.js'
import type { OrderEvent } from '../../services/store/orders.js'

export interface CheckoutOrders {
  confirm (idempotencyKey: string, request: ConfirmRequest): Promise<ConfirmOutcome>
  read (orderId: string, token: string | undefined): Promise<ReadOrderResult>
  /** Checks the token, then follows the order's timeline after `afterId`. */
  follow (orderId: string, token: string | undefined, afterId: number, signal: AbortSignal): Promise<AsyncGenerator<OrderEvent>>
}

declare module 'fastify' {
  interface FastifyInstance {
    checkoutOrders: CheckoutOrders
  }
}

const EVENTS_POLL_MS = 1000

/** Confirmation and order status, with their dependencies bound. */
export default fp<{ config: Config }>(async function checkoutOrders (fastify, { config }) {
  const pool = fastify.db.pool
  const service: CheckoutOrders = {
    confirm: (key, request) => confirmOrder({
      pool,
      pro: fastify.proConfirm,
      jobs: fastify.jobs,
      now: () => new Date(),
      idempotencyTtlSeconds: config.IDEMPOTENCY_TTL_HOURS * 3600,
      log: fastify.log.child({ component: 'confirm' }),
      requote: (options) => fastify.checkoutOptions.requote(options)
    }, key, request),
    read: (orderId, token) => readOrder(pool, orderId, token),
    async follow (orderId, token, afterId, signal) {
      await authorisedOrder(pool, orderId, token)
      return followOrderEvents(pool, orderId, afterId, { pollMs: EVENTS_POLL_MS, signal })
    }
  }
  fastify.decorate('checkoutOrders', service)
}, { name: 'checkout-orders', dependencies: ['db', 'pro', 'jobs', 'checkout-options'] })
