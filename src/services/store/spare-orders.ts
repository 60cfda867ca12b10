import type { Queryable } from './transaction.js'
import * as sql from './spare-orders.sql.js'

export interface SpareOrder {
  orderId: string
  merchantReference: string
  /** Null when PRO's answer was lost: the order is known only by its CheckoutOrderId metadata. */
  proOrderReference: string | null
  reason: string
  createdAt: Date
}

export async function recordSpareOrder (db: Queryable, orderId: string, proOrderReference: string | null, reason: string): Promise<void> {
  await db.query(sql.insert, [orderId, proOrderReference, reason])
}

export async function listSpareOrders (db: Queryable, limit: number): Promise<SpareOrder[]> {
  const { rows } = await db.query(sql.selectRecent, [limit])
  return rows.map((row) => ({
    orderId: row.order_id,
    merchantReference: row.merchant_reference,
    proOrderReference: row.pro_order_reference,
    reason: row.reason,
    createdAt: row.created_at
  }))
}
