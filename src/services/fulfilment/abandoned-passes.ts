import type { JobQueue } from '../jobs/queue.js'
import { takeExpiredLeases } from '../store/leases.js'
import * as orders from '../store/orders.js'
import { inTransaction } from '../store/transaction.js'
import type { FulfilmentDeps } from './deps.js'
import { PASS_LEASE_PREFIX } from './fulfil-order.js'

/** Statuses a fulfilment pass moves an order out of. */
const IN_FULFILMENT = new Set(['accepted', 'packed', 'allocated'])

/**
 * A pass's lease that expired without being released belongs to a holder that died (or lost the
 * database) mid-pass; its job would wait out the job timeout. Queues a new pass for each such order
 * at once, in the transaction that removes the lease, so one sweeper (of any replica) acts on each.
 */
export async function resumeAbandonedPasses (deps: Pick<FulfilmentDeps, 'pool' | 'log'>, jobs: Pick<JobQueue, 'enqueueFulfilment'>): Promise<string[]> {
  return inTransaction(deps.pool, async (client) => {
    const resumed: string[] = []
    for (const orderId of await takeExpiredLeases(client, PASS_LEASE_PREFIX)) {
      const order = await orders.findOrder(client, orderId)
      if (!order || !IN_FULFILMENT.has(order.status)) continue
      await jobs.enqueueFulfilment(client, orderId)
      resumed.push(orderId)
    }
    if (resumed.length > 0) deps.log.warn({ orders: resumed }, 'resuming fulfilment passes whose holder stopped without finishing')
    return resumed
  })
}
