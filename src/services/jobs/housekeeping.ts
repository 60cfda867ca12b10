import { deleteExpiredOffers } from '../store/option-offers.js'
import { purgeExpiredKeys } from '../store/idempotency.js'
import type { Queryable } from '../store/transaction.js'

/** Options past their cut-off are kept a day, for questions about recent confirms. */
const OFFER_RETENTION_MS = 24 * 3600 * 1000

export interface HousekeepingResult {
  offersDeleted: number
  keysDeleted: number
}

/** Deletes what no request can use any more: expired option offers and idempotency keys. */
export async function runHousekeeping (db: Queryable, now: Date): Promise<HousekeepingResult> {
  const offersDeleted = await deleteExpiredOffers(db, new Date(now.getTime() - OFFER_RETENTION_MS))
  const keysDeleted = await purgeExpiredKeys(db)
  return { offersDeleted, keysDeleted }
}
