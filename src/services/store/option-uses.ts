import type { Queryable } from './transaction.js'
import * as sql from './option-uses.sql.js'

/** False when another order already uses the option. Call in the transaction that inserts the order. */
export async function claimOption (db: Queryable, optionId: string, orderId: string): Promise<boolean> {
  const { rowCount } = await db.query(sql.claim, [optionId, orderId])
  return rowCount === 1
}
