import type { Queryable } from './transaction.js'
import * as sql from './idempotency.sql.js'

export interface IdempotencyRecord {
  keyHash: string
  requestHash: string
  state: 'in_progress' | 'completed'
  resourceId: string | null
  sealedSecret: Buffer | null
  responseStatus: number | null
  responseBody: unknown
  expiresAt: Date
}

export interface ClaimInput {
  scope: string
  keyHash: string
  requestHash: string
  ttlSeconds: number
}

function toRecord (row: Record<string, any>): IdempotencyRecord {
  return {
    keyHash: row.key_hash,
    requestHash: row.request_hash,
    state: row.state,
    resourceId: row.resource_id,
    sealedSecret: row.sealed_secret,
    responseStatus: row.response_status,
    responseBody: row.response_body,
    expiresAt: row.expires_at
  }
}

/**
 * The key's record, written now if the key is new. Whoever works on it must also hold the key's
 * lease (`leases`); the record says what was done so far.
 */
export async function claimKey (db: Queryable, input: ClaimInput): Promise<IdempotencyRecord> {
  const key = [input.scope, input.keyHash]
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await db.query(sql.insertClaim, [...key, input.requestHash, input.ttlSeconds])
    if (inserted.rows[0]) return toRecord(inserted.rows[0])
    const existing = await db.query(sql.selectRecord, key)
    if (existing.rows[0]?.live) return toRecord(existing.rows[0])
    await db.query(sql.deleteExpired, key)
  }
  throw new Error('could not claim the idempotency key')
}

export async function findKey (db: Queryable, scope: string, keyHash: string): Promise<IdempotencyRecord | undefined> {
  const { rows } = await db.query(sql.selectRecord, [scope, keyHash])
  return rows[0]?.live ? toRecord(rows[0]) : undefined
}

export async function attachResource (db: Queryable, scope: string, keyHash: string, resourceId: string, sealedSecret: Buffer): Promise<void> {
  await db.query(sql.attachResource, [scope, keyHash, resourceId, sealedSecret])
}

export async function completeKey (db: Queryable, scope: string, keyHash: string, status: number, body: unknown): Promise<void> {
  await db.query(sql.complete, [scope, keyHash, status, JSON.stringify(body)])
}

/** Drops an unfinished claim whose request had no effect, so the same key may simply be tried again. */
export async function forgetKey (db: Queryable, scope: string, keyHash: string): Promise<void> {
  await db.query(sql.forget, [scope, keyHash])
}

export async function purgeExpiredKeys (db: Queryable): Promise<number> {
  const result = await db.query(sql.purgeExpired)
  return result.rowCount ?? 0
}
