import type { Queryable } from './transaction.js'
import * as sql from './admin.sql.js'

export interface OrderSummaryRow {
  id: string
  merchantReference: string
  proOrderReference: string | null
  status: string
  statusReason: string | null
  attempts: number
  createdAt: Date
  updatedAt: Date
  /** updated_at in UTC to the microsecond (ISO 8601), for page cursors. */
  updatedKey: string
}

/** The last row of the previous page. */
export interface PagePosition {
  updatedKey: string
  id: string
}

export interface OrderPageQuery {
  status: string | undefined
  after: PagePosition | undefined
  limit: number
}

export interface FailedJobRow {
  id: string
  orderId: string | null
  error: string | null
  retryCount: number
  failedAt: Date | null
}

function toSummary (row: Record<string, any>): OrderSummaryRow {
  return {
    id: row.id,
    merchantReference: row.merchant_reference,
    proOrderReference: row.pro_order_reference,
    status: row.status,
    statusReason: row.status_reason,
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedKey: row.updated_key
  }
}

export async function listOrderPage (db: Queryable, query: OrderPageQuery): Promise<OrderSummaryRow[]> {
  const { rows } = await db.query(sql.selectOrderPage, [query.status ?? null, query.after?.updatedKey ?? null, query.after?.id ?? null, query.limit])
  return rows.map(toSummary)
}

/** Locks the order row for the rest of the caller's transaction. */
export async function findOrderSummaryForUpdate (db: Queryable, id: string): Promise<OrderSummaryRow | undefined> {
  const { rows } = await db.query(sql.selectOrderForUpdate, [id])
  return rows[0] === undefined ? undefined : toSummary(rows[0])
}

export async function countOrdersWithStatus (db: Queryable, status: string): Promise<number> {
  const { rows } = await db.query(sql.countOrdersWithStatus, [status])
  return rows[0].count
}

export async function countPendingOrderJobs (db: Queryable, queue: string, orderId: string): Promise<number> {
  const { rows } = await db.query(sql.countPendingOrderJobs, [queue, orderId])
  return rows[0].count
}

/** queue → state → count, for the named queues (states without jobs are absent). */
export async function countJobsByState (db: Queryable, queues: readonly string[]): Promise<Map<string, Map<string, number>>> {
  const { rows } = await db.query(sql.countJobsByState, [queues])
  const counts = new Map<string, Map<string, number>>()
  for (const row of rows) {
    const byState = counts.get(row.name) ?? new Map<string, number>()
    byState.set(row.state, row.count)
    counts.set(row.name, byState)
  }
  return counts
}

export async function listFailedJobs (db: Queryable, queue: string, limit: number): Promise<FailedJobRow[]> {
  const { rows } = await db.query(sql.selectFailedJobs, [queue, limit])
  return rows.map((row) => ({ id: row.id, orderId: row.order_id, error: row.error, retryCount: row.retry_count, failedAt: row.completed_on }))
}
