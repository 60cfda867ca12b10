import type { Queryable } from './transaction.js'
import * as sql from './consignments.sql.js'

export interface ConsignmentRow {
  id: string
  intentKey: string
  orderId: string | null
  source: 'checkout' | 'staff'
  reference: string | null
  shippingLocation: string | null
  state: string
  carrier: string | null
  service: string | null
  serviceReference: string | null
  trackingNumbers: string[]
  details: Record<string, unknown>
  manifestBatchId: string | null
  createdAt: Date
  updatedAt: Date
}

export type ConsignmentIntent = Pick<ConsignmentRow, 'id' | 'intentKey' | 'orderId' | 'source' | 'shippingLocation' | 'details'>

/** What an allocation (or a read of the consignment from PRO) tells us; `details` is merged in. */
export type AllocationRecord = Pick<ConsignmentRow, 'state' | 'carrier' | 'service' | 'serviceReference' | 'trackingNumbers' | 'details'>

function toRow (row: Record<string, any>): ConsignmentRow {
  return {
    id: row.id,
    intentKey: row.intent_key,
    orderId: row.order_id,
    source: row.source,
    reference: row.reference,
    shippingLocation: row.shipping_location,
    state: row.state,
    carrier: row.carrier,
    service: row.service,
    serviceReference: row.service_reference,
    trackingNumbers: row.tracking_numbers,
    details: row.details,
    manifestBatchId: row.manifest_batch_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at
  }
}

/** Inserts the intent (once) and answers the row as it now stands. */
export async function recordIntent (db: Queryable, intent: ConsignmentIntent): Promise<ConsignmentRow> {
  await db.query(sql.insertIntent, [intent.id, intent.intentKey, intent.orderId, intent.source, intent.shippingLocation, JSON.stringify(intent.details)])
  const { rows } = await db.query(sql.selectByIntent, [intent.intentKey])
  return toRow(rows[0])
}

export async function recordCreated (db: Queryable, intentKey: string, reference: string): Promise<void> {
  await db.query(sql.setCreated, [intentKey, reference])
}

export async function recordAllocation (db: Queryable, reference: string, allocation: AllocationRecord): Promise<void> {
  await db.query(sql.setAllocation, [
    reference, allocation.state, allocation.carrier, allocation.service, allocation.serviceReference,
    allocation.trackingNumbers, JSON.stringify(allocation.details)
  ])
}

export async function recordState (db: Queryable, reference: string, state: string): Promise<void> {
  await db.query(sql.setState, [reference, state])
}


export async function findByReference (db: Queryable, reference: string): Promise<ConsignmentRow | undefined> {
  const { rows } = await db.query(sql.selectByReference, [reference])
  return rows[0] ? toRow(rows[0]) : undefined
}

export async function listForOrder (db: Queryable, orderId: string): Promise<ConsignmentRow[]> {
  const { rows } = await db.query(sql.selectByOrder, [orderId])
  return rows.map(toRow)
}


export async function findById (db: Queryable, id: string): Promise<ConsignmentRow | undefined> {
  const { rows } = await db.query(sql.selectById, [id])
  return rows[0] ? toRow(rows[0]) : undefined
}
