import type pg from 'pg'
import { AppError } from '../../errors.js'
import type { AdminOrder, AdminOrderPage, AdminOrdersQuery } from '../../schemas/admin.js'
import { QUEUES, type JobQueue } from '../jobs/queue.js'
import * as admin from '../store/admin.js'
import { addEvent } from '../store/orders.js'
import { inTransaction } from '../store/transaction.js'
import { decodeCursor, encodeCursor } from './page-cursor.js'

export interface RetryDeps {
  pool: pg.Pool
  jobs: Pick<JobQueue, 'enqueueFulfilment'>
}

function toAdminOrder (row: admin.OrderSummaryRow): AdminOrder {
  return {
    id: row.id,
    orderReference: row.merchantReference,
    proOrderReference: row.proOrderReference,
    status: row.status as AdminOrder['status'],
    statusReason: row.statusReason,
    attempts: row.attempts,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString()
  }
}

/** One page of orders, most recently updated first; `nextCursor` when another page follows. */
export async function listOrders (pool: pg.Pool, query: AdminOrdersQuery): Promise<AdminOrderPage> {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor)
  // One row more than asked tells whether another page exists.
  const rows = await admin.listOrderPage(pool, { status: query.status, after, limit: query.limit + 1 })
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  return {
    orders: page.map(toAdminOrder),
    ...(rows.length > query.limit && last !== undefined && { nextCursor: encodeCursor(last) })
  }
}

/**
 * Re-drives an order that needs attention: a `retry_requested` timeline entry and a new fulfilment
 * job, in one transaction. Every step of the job starts from what is recorded, so it resumes where
 * the order stopped. The order row stays locked until commit, and a job still queued for the order
 * refuses the retry, so two retries never run two jobs for one order side by side.
 */
export async function retryOrder (deps: RetryDeps, orderId: string, staffKeyId: string | null): Promise<AdminOrder> {
  return inTransaction(deps.pool, async (client) => {
    const order = await admin.findOrderSummaryForUpdate(client, orderId)
    if (!order) throw new AppError('NOT_FOUND', { detail: 'No such order' })
    if (order.status !== 'needs_attention') {
      throw new AppError('CONFLICT', { detail: `The order is ${order.status}; only an order that needs attention can be retried` })
    }
    if (await admin.countPendingOrderJobs(client, QUEUES.fulfilOrder, orderId) > 0) {
      throw new AppError('CONFLICT', { detail: 'A fulfilment job for this order is already queued' })
    }
    await addEvent(client, orderId, 'retry_requested', { staffKeyId, previousReason: order.statusReason, attempts: order.attempts })
    await deps.jobs.enqueueFulfilment(client, orderId)
    return toAdminOrder(order)
  })
}
