import type pg from 'pg'
import { JOB_STATES, type QueueOverview } from '../../schemas/admin.js'
import { QUEUES } from '../jobs/queue.js'
import * as admin from '../store/admin.js'
import { listSpareOrders } from '../store/spare-orders.js'
import { listLabelFailures } from '../store/staff-consignments.js'

export const DEAD_LETTER_LIMIT = 20

/** Jobs per state in each of the service's queues, the latest failed fulfilment jobs, flagged orders and spare PRO orders. */
export async function queueOverview (pool: pg.Pool): Promise<QueueOverview> {
  const names = Object.values(QUEUES)
  const counts = await admin.countJobsByState(pool, names)
  const failed = await admin.listFailedJobs(pool, QUEUES.fulfilOrder, DEAD_LETTER_LIMIT)
  const ordersNeedingAttention = await admin.countOrdersWithStatus(pool, 'needs_attention')
  const spare = await listSpareOrders(pool, DEAD_LETTER_LIMIT)
  const labelFailures = await listLabelFailures(pool, DEAD_LETTER_LIMIT)
  return {
    queues: names.map((name) => ({
      name,
      counts: Object.fromEntries(JOB_STATES.map((state) => [state, counts.get(name)?.get(state) ?? 0])) as QueueOverview['queues'][number]['counts']
    })),
    deadLetters: failed.map((job) => ({
      jobId: job.id,
      orderId: job.orderId,
      error: job.error,
      retryCount: job.retryCount,
      failedAt: job.failedAt === null ? null : job.failedAt.toISOString()
    })),
    ordersNeedingAttention,
    labelFailures: labelFailures.map((failure) => ({ ...failure, failedAt: failure.failedAt.toISOString() })),
    spareOrders: spare.map((order) => ({
      orderId: order.orderId,
      orderReference: order.merchantReference,
      proOrderReference: order.proOrderReference,
      reason: order.reason,
      recordedAt: order.createdAt.toISOString()
    }))
  }
}
