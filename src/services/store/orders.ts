import type { Queryable } from './transaction.js'
import * as sql from './orders.sql.js'

export interface OrderRow {
  id: string
  merchantReference: string
  proOrderReference: string | null
  optionId: string
  optionSnapshot: unknown
  items: unknown
  destination: unknown
  metadata: Record<string, string>
  status: string
  statusReason: string | null
  attempts: number
  tokenHash: Buffer
  createdAt: Date
  updatedAt: Date
}

export type NewOrder = Pick<OrderRow, 'id' | 'merchantReference' | 'optionId' | 'optionSnapshot' | 'items' | 'destination' | 'metadata' | 'status' | 'tokenHash'>

export interface OrderEvent {
  id: number
  status: string
  detail: Record<string, unknown> | null
  createdAt: Date
}

export async function insertOrder (db: Queryable, order: NewOrder): Promise<void> {
  await db.query(sql.insertOrder, [
    order.id, order.merchantReference, order.optionId, JSON.stringify(order.optionSnapshot),
    JSON.stringify(order.items), JSON.stringify(order.destination), JSON.stringify(order.metadata),
    order.status, order.tokenHash
  ])
}

export async function findOrder (db: Queryable, id: string): Promise<OrderRow | undefined> {
  const { rows } = await db.query(sql.selectOrder, [id])
  const row = rows[0]
  if (!row) return undefined
  return {
    id: row.id,
    merchantReference: row.merchant_reference,
    proOrderReference: row.pro_order_reference,
    optionId: row.option_id,
    optionSnapshot: row.option_snapshot,
    items: row.items,
    destination: row.destination,
    metadata: row.metadata,
    status: row.status,
    statusReason: row.status_reason,
    attempts: row.attempts,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

/** Written the moment PRO answers, so a retry after a crash never asks PRO for the order again. */
export async function recordProOrderReference (db: Queryable, id: string, proOrderReference: string): Promise<boolean> {
  const { rowCount } = await db.query(sql.setProOrderReference, [id, proOrderReference])
  return rowCount === 1
}

/** Removes an order whose creation in PRO certainly never happened; false if an earlier attempt may have created it. */
export async function deleteUnconfirmedOrder (db: Queryable, id: string): Promise<boolean> {
  const { rowCount } = await db.query(sql.deleteUnconfirmed, [id])
  return rowCount === 1
}

/** Moves a `confirming` order naming this PRO order to `accepted`, with its timeline entry; false if it was not. */
export async function markAccepted (db: Queryable, id: string, proOrderReference: string): Promise<boolean> {
  const { rowCount } = await db.query(sql.setAccepted, [id, proOrderReference])
  if (rowCount !== 1) return false
  await addEvent(db, id, 'accepted', { proOrderReference })
  return true
}

export async function setStatus (db: Queryable, id: string, status: string, reason: string | null): Promise<void> {
  await db.query(sql.setStatus, [id, status, reason])
  await addEvent(db, id, status, reason === null ? null : { reason })
}

export async function addEvent (db: Queryable, orderId: string, status: string, detail: Record<string, unknown> | null): Promise<void> {
  await db.query(sql.insertEvent, [orderId, status, detail === null ? null : JSON.stringify(detail)])
}

export async function listEvents (db: Queryable, orderId: string, afterId = 0): Promise<OrderEvent[]> {
  const { rows } = await db.query(sql.selectEvents, [orderId, afterId])
  return rows.map((row) => ({ id: Number(row.id), status: row.status, detail: row.detail, createdAt: row.created_at }))
}

/** Locks the order row for the rest of the caller's transaction. */
export async function findOrderForUpdate (db: Queryable, id: string): Promise<{ id: string, status: string } | undefined> {
  const { rows } = await db.query(sql.selectOrderForUpdate, [id])
  return rows[0]
}

export async function setAttention (db: Queryable, id: string, reason: string, attempts: number): Promise<boolean> {
  const { rowCount } = await db.query(sql.setAttention, [id, reason, attempts])
  if (rowCount !== 1) return false
  await addEvent(db, id, 'needs_attention', { reason, attempts })
  return true
}
