import { MANIFESTABLE_STATES, MANIFESTED_STATES } from '../pro/states.js'
import type { Queryable } from './transaction.js'
import * as sql from './manifests.sql.js'

const MANIFESTABLE = [...MANIFESTABLE_STATES]
const MANIFESTED = [...MANIFESTED_STATES]

export interface ManifestGroup {
  shippingLocation: string
  carrier: string | null
}

export async function listGroups (db: Queryable): Promise<ManifestGroup[]> {
  const { rows } = await db.query(sql.selectGroups, [MANIFESTABLE])
  return rows.map((row) => ({ shippingLocation: row.shipping_location, carrier: row.carrier }))
}

export async function createBatch (db: Queryable, id: string, group: ManifestGroup): Promise<void> {
  await db.query(sql.insertBatch, [id, group.shippingLocation, group.carrier ?? ''])
}

/** The references of the consignments claimed for the batch. */
export async function claimGroup (db: Queryable, batchId: string, group: ManifestGroup): Promise<string[]> {
  const { rows } = await db.query(sql.claimGroup, [batchId, group.shippingLocation, group.carrier, MANIFESTABLE])
  return rows.map((row) => row.reference)
}

export async function deleteBatch (db: Queryable, id: string): Promise<void> {
  await db.query(sql.deleteBatch, [id])
}

export async function finishBatch (db: Queryable, id: string, counts: { requested: number, manifested: number, failed: number, message: string | null }): Promise<void> {
  await db.query(sql.finishBatch, [id, counts.requested, counts.manifested, counts.failed, counts.message])
}

/** Remembers which consignments of the batch PRO said it manifested (`IsSuccess`). */
export async function markAccepted (db: Queryable, batchId: string, references: string[]): Promise<void> {
  if (references.length > 0) await db.query(sql.markAccepted, [batchId, references])
}

export interface UnsettledConsignment {
  reference: string
  /** PRO answered IsSuccess for it in the batch it was claimed for. */
  accepted: boolean
}

/** Consignments a run claimed but never settled. */
export async function listUnsettled (db: Queryable): Promise<UnsettledConsignment[]> {
  const { rows } = await db.query(sql.selectUnsettled)
  return rows.map((row) => ({ reference: row.reference, accepted: row.accepted }))
}

export async function listFullyManifestedOrders (db: Queryable): Promise<string[]> {
  const { rows } = await db.query(sql.selectFullyManifestedOrders, [MANIFESTED])
  return rows.map((row) => row.id)
}
