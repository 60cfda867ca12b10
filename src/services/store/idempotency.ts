import type { Queryable } from './transaction.js'
import * as sql from './idempotency.sql.js'

export interface IdempotencyRecord {
  keyHash: string
  requestHash: string
  state: 'in_progress' | 'completed'
  lockedUntil: Date
  resourceId: string | null
  sealedSecret: Buffer | null
  responseStatus: number | null
  responseBody: unknown
  expiresAt: Date
}

export type Claim =
  | { kind: 'new', record: IdempotencyRecord }
  | { kind: 'resumed', record: IdempotencyRecord }
  | { kind: 'existing', record: IdempotencyRecord }

export interface ClaimInput {
  scope: string
  keyHash: string
  requestHash: string
  leaseSeconds: number
  ttlSeconds: number
}

function toRecord (row: Record<string, any>): IdempotencyRecord {
  return {
    keyHash: row.key_hash,
    requestHash: row.request_hash,
    state: row.state,
    lockedUntil: row.locked_until,
    resourceId: row.resource_id,
    sealedSecret: row.sealed_secret,
    responseStatus: row.response_status,
    responseBody: row.response_body,
    expiresAt: row.expires_at
  }
}

/**
 * Claims a key for one request. `new`: first use, the caller holds the lease. `resumed`: an earlier
 * holder stopped without finishing and this caller took its lease over. `existing`: someone else's
 * record (finished, in progress, or for another body), for the caller to judge.
 */
export async function claimKey (db: Queryable, input: ClaimInput): Promise<Claim> {
  const key = [input.scope, input.keyHash]
  for (let attempt = 0; attempt < 3; attempt++) {
    const inserted = await db.query(sql.insertClaim, [...key, input.requestHash, input.leaseSeconds, input.ttlSeconds])
    if (inserted.rows[0]) return { kind: 'new', record: toRecord(inserted.rows[0]) }
    const taken = await db.query(sql.takeOverStale, [...key, input.requestHash, input.leaseSeconds])
    if (taken.rows[0]) return { kind: 'resumed', record: toRecord(taken.rows[0]) }
    const existing = await db.query(sql.selectRecord, key)
    if (existing.rows[0]?.live) {
      return { kind: 'existing', record: toRecord(existing.rows[0]) }
    }
    await db.query(sql.deleteExpired, key)
  }
  throw new Error('could not claim the idempotency key')
}

export async function attachResource (db: Queryable, scope: string, keyHash: string, resourceId: string, sealedSecret: Buffer): Promise<void> {
  await db.query(sql.attachResource, [scope, keyHash, resourceId, sealedSecret])
}

export async function completeKey (db: Queryable, scope: string, keyHash: string, status: number, body: unknown): Promise<void> {
  await db.query(sql.complete, [scope, keyHash, status, JSON.stringify(body)])
}

export async function releaseKey (db: Queryable, scope: string, keyHash: string): Promise<void> {
  await db.query(sql.releaseLease, [scope, keyHash])
}

/** Drops an unfinished claim whose request had no effect, so the same key may simply be tried again. */
export async function forgetKey (db: Queryable, scope: string, keyHash: string): Promise<void> {
  await db.query(sql.forget, [scope, keyHash])
}

export async function purgeExpiredKeys (db: Queryable): Promise<number> {
  const result = await db.query(sql.purgeExpired)
  return result.rowCount ?? 0
}
