import type { Queryable } from './transaction.js'
import * as sql from './leases.sql.js'

export interface Acquired {
  /** True when an expired lease of an earlier holder was taken over. */
  tookOver: boolean
}

export async function acquireLease (db: Queryable, name: string, owner: string, ttlSeconds: number): Promise<Acquired | undefined> {
  const { rows } = await db.query<{ took_over: boolean }>(sql.acquire, [name, owner, ttlSeconds])
  return rows[0] ? { tookOver: rows[0].took_over } : undefined
}

/** False when the lease ran out or another holder took it over. */
export async function renewLease (db: Queryable, name: string, owner: string, ttlSeconds: number): Promise<boolean> {
  const { rowCount } = await db.query(sql.renew, [name, owner, ttlSeconds])
  return rowCount === 1
}

export async function releaseLease (db: Queryable, name: string, owner: string): Promise<void> {
  await db.query(sql.release, [name, owner])
}

/** Call inside a transaction: true while the lease is the caller's, and then no one can take it before the commit. */
export async function holdsLease (db: Queryable, name: string, owner: string): Promise<boolean> {
  const { rowCount } = await db.query(sql.checkHeld, [name, owner])
  return rowCount === 1
}

/** Deletes the expired leases whose name starts with `prefix`; answers the rest of each name. */
export async function takeExpiredLeases (db: Queryable, prefix: string): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(sql.takeExpired, [prefix])
  return rows.map((row) => row.name.slice(prefix.length))
}
