import type { Queryable } from './transaction.js'
import * as sql from './manifests.sql.js'

export interface ManifestGroup {
  shippingLocation: string
  carrier: string | null
}

export async function listGroups (db: Queryable): Promise<ManifestGroup[]> {
  const { rows } = await db.query(sql.selectGroups)
  return rows.map((row) => ({ shippingLocation: row.shipping_location, carrier: row.carrier }))
}

export async function createBatch (db: Queryable, id: string, group: ManifestGroup): Promise<void> {
  await db.query(sql.insertBatch, [id, group.shippingLocation, group.carrier ?? ''])
}

/** The references of the consignments claimed for the batch. */
export async function claimGroup (db: Queryable, batchId: string, group: ManifestGroup): Promise<string[]> {
  const { rows } = await db.query(sql.claimGroup, [batchId, group.shippingLocation, group.carrier])
  return rows.map((row) => row.reference)
}

export async function deleteBatch (db: Queryable, id: string): Promise<void> {
  await db.query(sql.deleteBatch, [id])
}

export async function finishBatch (db: Queryable, id: string, counts: { requested: number, manifested: number, failed: number, message: string | null }): Promise<void> {
  await db.query(sql.finishBatch, [id, counts.requested, counts.manifested, counts.failed, counts.message])
}

/** References of consignments a run claimed but never settled. */
export async function listUnsettled (db: Queryable): Promise<string[]> {
  const { rows } = await db.query(sql.selectUnsettled)
  return rows.map((row) => row.reference)
}


export async function listFullyManifestedOrders (db: Queryable): Promise<string[]> {
  const { rows } = await db.query(sql.selectFullyManifestedOrders)
  return rows.map((row) => row.id)
}
