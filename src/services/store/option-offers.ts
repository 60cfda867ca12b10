import type { CheckoutOption } from '../../schemas/checkout-options.js'
import type { NormalisedOptionsRequest } from '../checkout/options-request.js'
import type { Queryable } from './transaction.js'
import * as sql from './option-offers.sql.js'

/** An option handed to a storefront, with the request it was priced for, so confirm can trust it. */
export interface OptionOffer {
  optionId: string
  requestKey: string
  request: NormalisedOptionsRequest
  option: CheckoutOption
  cutOff: Date
}

interface OfferRow {
  option_id: string
  request_key: string
  request: NormalisedOptionsRequest
  option: CheckoutOption
  cut_off: Date
}

function toOffer (row: OfferRow): OptionOffer {
  return { optionId: row.option_id, requestKey: row.request_key, request: row.request, option: row.option, cutOff: row.cut_off }
}

/** Records every option of one answer in one statement (upsert by option id). */
export async function saveOffers (db: Queryable, requestKey: string, request: NormalisedOptionsRequest, options: readonly CheckoutOption[]): Promise<void> {
  const unique = [...new Map(options.map((option) => [option.id, option])).values()]
  if (unique.length === 0) return
  await db.query(sql.upsertOffers, [requestKey, JSON.stringify(request), JSON.stringify(unique)])
}

export async function findOffer (db: Queryable, optionId: string): Promise<OptionOffer | undefined> {
  const result = await db.query<OfferRow>(sql.selectOffer, [optionId])
  const row = result.rows[0]
  return row === undefined ? undefined : toOffer(row)
}

/** The cheapest offer of the same request, date and type whose cut-off is still after `now`. */
export async function findAlternative (db: Queryable, criteria: { requestKey: string, date: string, type: CheckoutOption['type'], now: Date }): Promise<OptionOffer | undefined> {
  const result = await db.query<OfferRow>(sql.selectAlternative, [criteria.requestKey, criteria.date, criteria.type, criteria.now])
  const row = result.rows[0]
  return row === undefined ? undefined : toOffer(row)
}

/** Housekeeping: removes offers whose cut-off is before `before`; answers how many went. */
export async function deleteExpiredOffers (db: Queryable, before: Date): Promise<number> {
  const result = await db.query(sql.deleteExpired, [before])
  return result.rowCount ?? 0
}
