import { QUEUES, type JobQueue } from '../jobs/queue.js'
import { listOrphanedJobs } from '../store/fulfil-jobs.js'
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

/** Longer than any pass takes between fetching its job and taking its lease, or releasing it and finishing. */
const ORPHAN_AFTER_SECONDS = 20

/**
 * A fulfilment job left active by a process that died outside a pass (just fetched, or just
 * finished) holds no lease, so the sweep above cannot see it; pg-boss would retry it only after the
 * job timeout. Fails such jobs now, so pg-boss retries them at once. Should the process be alive
 * after all, its pass is still the only one (the lease), and its late completion changes nothing.
 */
export async function failOrphanedJobs (deps: Pick<FulfilmentDeps, 'pool' | 'log'>, queue: Pick<JobQueue, 'boss'>): Promise<string[]> {
  const ids = await listOrphanedJobs(deps.pool, QUEUES.fulfilOrder, PASS_LEASE_PREFIX, ORPHAN_AFTER_SECONDS)
  if (ids.length === 0) return []
  for (const id of ids) await queue.boss.fail(QUEUES.fulfilOrder, id, { message: 'its process stopped without finishing it (no pass held the order)' })
  deps.log.warn({ jobs: ids }, 'failed fulfilment jobs left active by a process that stopped; pg-boss retries them')
  return ids
}
