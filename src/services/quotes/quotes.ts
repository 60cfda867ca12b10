import { AppError } from '../../errors.js'
import type { QuotesView } from '../../schemas/consignments.js'
import type { ConsignmentRow } from '../store/consignments.js'
import * as staff from '../store/staff-consignments.js'
import { staffConsignment, type QuotesDeps } from './deps.js'
import { mapQuotes, storedQuotes } from './quotes-mapping.js'
import { ALLOCATABLE_STATES, IN_FLIGHT_STATES } from './states.js'

/** Throws the conflict that keeps a consignment in this state from being quoted or allocated. */
export function refuseUnlessAllocatable (row: ConsignmentRow): void {
  if (ALLOCATABLE_STATES.includes(row.state)) return
  if (IN_FLIGHT_STATES.has(row.state)) {
    throw new AppError('OPERATION_IN_PROGRESS', { detail: `Consignment ${row.reference} is ${row.state}; retry shortly`, retryAfterSeconds: 1, extensions: { state: row.state } })
  }
  if (row.state === 'Cancelled') {
    throw new AppError('CONFLICT', { detail: `Consignment ${row.reference} is cancelled`, extensions: { state: row.state } })
  }
  throw new AppError('ALREADY_ALLOCATED', { detail: `Consignment ${row.reference} is already ${row.state}`, extensions: { state: row.state } })
}

/**
 * PRO's quotes for the consignment, cheapest first. Each quote handed out is kept with its expiry,
 * so allocation can refuse an unknown or expired quote without asking PRO.
 */
export async function quoteConsignment (deps: QuotesDeps, reference: string): Promise<QuotesView> {
  const row = await staffConsignment(deps, reference)
  refuseUnlessAllocatable(row)
  const consignmentReference = row.reference!
  const view = mapQuotes(consignmentReference, await deps.pro.quotesForConsignment(consignmentReference))
  await staff.addQuotes(deps.pool, consignmentReference, storedQuotes(view.quotes), deps.now())
  return view
}
