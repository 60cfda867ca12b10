import type pg from 'pg'
import { AppError } from '../../errors.js'
import type { Log } from '../log.js'
import type { ProClient } from '../pro/client.js'
import type { JobQueue } from '../jobs/queue.js'
import * as consignments from '../store/consignments.js'

/** What the Quotes flow services need; bound once by the `quotes` plugin. */
export interface QuotesDeps {
  pool: pg.Pool
  pro: Pick<ProClient,
    'createConsignment' | 'findConsignmentReferences' | 'getConsignment' | 'quotesForConsignment' |
    'allocateWithQuote' | 'label' | 'customsDocuments' | 'deallocateConsignment' | 'cancelConsignment' | 'within'>
  jobs: Pick<JobQueue, 'enqueueLabelling'>
  now: () => Date
  /** Country of the merchant's shipping locations (ORIGIN_COUNTRY). */
  originCountry: string
  /** Contact Title sent to PRO when an address gives none (DEFAULT_CONTACT_TITLE). */
  contactTitle: string
  /** How long a create (its lease) or allocate request holds its claim before a retry may settle it with PRO. */
  claimTimeoutMs: number
  /** How long a duplicate allocation request waits for the first to finish. */
  duplicateWaitMs: number
  log: Log
}

export const intentKeyOf = (customerReference: string) => `staff:${customerReference}`

/** The staff consignment with this PRO reference; consignments of storefront orders belong to the pipeline. */
export async function staffConsignment (deps: Pick<QuotesDeps, 'pool'>, reference: string): Promise<consignments.ConsignmentRow> {
  const row = await consignments.findByReference(deps.pool, reference.toUpperCase())
  if (!row || row.source !== 'staff') {
    throw new AppError('CONSIGNMENT_NOT_FOUND', { detail: `No consignment ${reference} was created through /consignments` })
  }
  return row
}
