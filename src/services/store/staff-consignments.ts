import type { Queryable } from './transaction.js'
import * as sql from './staff-consignments.sql.js'

/** Claims of staff consignments and the quotes handed out for them (rows are read with consignments.ts). */

/** Forgets a create intent PRO certainly did not act on (the caller holds the reference's lease). */
export async function deleteIntent (db: Queryable, intentKey: string): Promise<void> {
  await db.query(sql.deleteIntent, [intentKey])
}

export interface Claim {
  reference: string
  /** The in-flight state claimed, e.g. `Allocating`. */
  state: string
  from: readonly string[]
  /** A claim of `state` older than this (ms) is taken over. */
  leaseMs: number
  details?: Record<string, unknown>
}

/** The state the consignment was in when claimed, or undefined when another request holds it or its state does not allow it. */
export async function claim (db: Queryable, request: Claim): Promise<string | undefined> {
  const { rows } = await db.query(sql.claim, [request.reference, request.from, request.state, JSON.stringify(request.details ?? {}), request.leaseMs])
  return rows[0]?.previous_state
}

export async function releaseClaim (db: Queryable, reference: string, claimed: string, back: string): Promise<void> {
  await db.query(sql.releaseClaim, [reference, claimed, back])
}

export async function addQuotes (db: Queryable, reference: string, quotes: Record<string, unknown>, now: Date): Promise<void> {
  await db.query(sql.addQuotes, [reference, JSON.stringify(quotes), now])
}

export async function mergeDetails (db: Queryable, reference: string, patch: Record<string, unknown>): Promise<void> {
  await db.query(sql.mergeDetails, [reference, JSON.stringify(patch)])
}

export async function flagLabelFailure (db: Queryable, consignmentId: string, reason: string): Promise<void> {
  await db.query(sql.flagLabelFailure, [consignmentId, reason])
}

export interface LabelFailure {
  reference: string | null
  customerReference: string | null
  reason: string
  failedAt: Date
}

export async function listLabelFailures (db: Queryable, limit: number): Promise<LabelFailure[]> {
  const { rows } = await db.query(sql.selectLabelFailures, [limit])
  return rows.map((row) => ({ reference: row.reference, customerReference: row.customer_reference, reason: row.reason, failedAt: row.failed_at }))
}

/** The consignment's id when it was flagged (the flag is cleared), else undefined. */
export async function clearLabelFailure (db: Queryable, reference: string): Promise<string | undefined> {
  const { rows } = await db.query<{ id: string }>(sql.clearLabelFailure, [reference])
  return rows[0]?.id
}
