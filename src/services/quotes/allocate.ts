import { setTimeout as sleep } from 'node:timers/promises'
import { AppError } from '../../errors.js'
import type { Allocation, ConsignmentView } from '../../schemas/consignments.js'
import { fromConsignment } from '../fulfilment/allocate-step.js'
import { isProError, ProRejectedError } from '../pro/errors.js'
import { logRejection, refusesTheRequest } from '../pro/rejections.js'
import * as consignments from '../store/consignments.js'
import * as staff from '../store/staff-consignments.js'
import { inTransaction } from '../store/transaction.js'
import { staffConsignment, type QuotesDeps } from './deps.js'
import { findStoredQuote, mapAllocation, type StoredQuote } from './quotes-mapping.js'
import { refuseUnlessAllocatable } from './quotes.js'
import { ALLOCATABLE_STATES, LABEL_REFUSED_STATES } from './states.js'
import { consignmentView, staffDetails } from './view.js'

export interface AllocateOutcome {
  view: ConsignmentView
  /** True when the consignment was already allocated with this quote (nothing was asked of PRO). */
  replayed: boolean
}

const POLL_MS = 100
const ALLOCATING = 'Allocating'

const hasAllocation = (state: string) => !LABEL_REFUSED_STATES.has(state)

/**
 * Allocates a staff consignment with one of its quotes, at most once: the consignment is claimed
 * (`Allocating`) in one statement before PRO is called, so a double click calls PRO once and the
 * second request waits for the first's answer. The same quote again answers the allocation made;
 * another quote is `ALREADY_ALLOCATED`. A claim a crash left behind is settled by reading PRO first.
 * The label job is queued in the transaction that records the allocation.
 */
export async function allocateWithQuote (deps: QuotesDeps, reference: string, quoteReference: string): Promise<AllocateOutcome> {
  const rounds = Math.ceil(deps.duplicateWaitMs / POLL_MS) + 3
  for (let round = 0; round < rounds; round++) {
    const row = await staffConsignment(deps, reference)
    if (hasAllocation(row.state)) return await answerAllocated(deps, row, quoteReference)
    if (row.state === ALLOCATING) {
      // Another request is allocating: wait for its answer, unless its claim outlived the lease.
      const previous = await staff.claim(deps.pool, { reference: row.reference!, state: ALLOCATING, from: [], leaseMs: deps.claimTimeoutMs })
      if (previous === undefined) await sleep(POLL_MS)
      else await settleWithPro(deps, row)
      continue
    }
    refuseUnlessAllocatable(row)
    const quote = usableQuote(deps, row, quoteReference)
    const previous = await staff.claim(deps.pool, {
      reference: row.reference!, state: ALLOCATING, from: ALLOCATABLE_STATES, leaseMs: deps.claimTimeoutMs, details: { claimedQuote: quote.quoteReference }
    })
    if (previous === undefined) continue
    if (previous === ALLOCATING) {
      await settleWithPro(deps, row)
      continue
    }
    return await allocateClaimed(deps, row, quote, previous)
  }
  throw new AppError('OPERATION_IN_PROGRESS', { detail: `Consignment ${reference} is still being allocated; retry shortly`, retryAfterSeconds: 1 })
}

async function answerAllocated (deps: QuotesDeps, row: consignments.ConsignmentRow, quoteReference: string): Promise<AllocateOutcome> {
  const existing = staffDetails(row).allocation?.quoteReference ?? null
  if (existing !== null && existing.toLowerCase() === quoteReference.toLowerCase()) {
    return { view: await consignmentView(deps.pool, row), replayed: true }
  }
  throw new AppError('ALREADY_ALLOCATED', {
    detail: `Consignment ${row.reference} is already ${row.state}${existing === null ? '' : ` with quote ${existing}`}`,
    extensions: { state: row.state, quoteReference: existing }
  })
}

function usableQuote (deps: QuotesDeps, row: consignments.ConsignmentRow, quoteReference: string): StoredQuote {
  const quote = findStoredQuote(row.details, quoteReference)
  if (!quote) {
    throw new AppError('QUOTE_NOT_FOUND', { detail: `Quote ${quoteReference} was not handed out for ${row.reference} (or has expired); get quotes again` })
  }
  if (quote.expiresAt !== null && Date.parse(quote.expiresAt) <= deps.now().getTime()) {
    throw new AppError('QUOTE_EXPIRED', { detail: `Quote ${quoteReference} expired at ${quote.expiresAt}; get quotes again` })
  }
  return quote
}

async function allocateClaimed (deps: QuotesDeps, row: consignments.ConsignmentRow, quote: StoredQuote, previous: string): Promise<AllocateOutcome> {
  const reference = row.reference!
  let results
  try {
    results = await deps.pro.allocateWithQuote(reference, quote.quoteReference)
  } catch (err) {
    throw await settleFailure(deps, row, quote, previous, err)
  }
  // Only an entry naming this consignment answers for it.
  const result = results.find((r) => r.consignmentReference === reference)
  if (!result) {
    deps.log.error({ reference, answeredFor: results.map((r) => r.consignmentReference ?? null) }, 'allocate-with-quote answered no summary for the consignment; left Allocating for a later request to settle')
    throw new AppError('UPSTREAM_INVALID_RESPONSE', { detail: 'The shipping platform answered the allocation without the consignment' })
  }
  if (!result.allocated) {
    deps.log.warn({ reference, quoteReference: quote.quoteReference, statusCode: result.summary.StatusCode ?? null }, 'PRO answered the allocation with a failed entry')
    await staff.releaseClaim(deps.pool, reference, ALLOCATING, 'AllocationFailed')
    throw allocationFailed()
  }
  const allocation = mapAllocation(result.summary, quote, deps.now())
  await recordAllocated(deps, row, allocation, 'Allocated')
  deps.log.info({ reference, quoteReference: quote.quoteReference, service: allocation.serviceReference }, 'staff consignment allocated')
  const allocated = await staffConsignment(deps, reference)
  return { view: await consignmentView(deps.pool, allocated), replayed: false }
}

/** The allocation and the job that labels the consignment, in one transaction. */
async function recordAllocated (deps: QuotesDeps, row: consignments.ConsignmentRow, allocation: Allocation, state: string): Promise<void> {
  await inTransaction(deps.pool, async (client) => {
    await consignments.recordAllocation(client, row.reference!, {
      state,
      carrier: allocation.carrier,
      service: allocation.service,
      serviceReference: allocation.serviceReference,
      trackingNumbers: allocation.trackingReferences,
      details: { allocation, claimedQuote: null }
    })
    await deps.jobs.enqueueLabelling(client, row.id)
  })
}

/**
 * A claim older than the lease: PRO is asked what became of it, and our record follows PRO. While
 * PRO is still allocating, the claim stays for a later request to settle.
 */
async function settleWithPro (deps: QuotesDeps, row: consignments.ConsignmentRow): Promise<void> {
  const reference = row.reference!
  const current = await deps.pro.getConsignment(reference)
  if (current.ConsignmentState === ALLOCATING) return
  if (!hasAllocation(current.ConsignmentState)) {
    await staff.releaseClaim(deps.pool, reference, ALLOCATING, current.ConsignmentState)
    return
  }
  const claimed = row.details.claimedQuote
  const quote = typeof claimed === 'string' ? findStoredQuote(row.details, claimed) : undefined
  const record = fromConsignment(current)
  deps.log.warn({ reference, state: current.ConsignmentState }, 'an interrupted allocation was found done in PRO')
  await recordAllocated(deps, row, {
    quoteReference: quote?.quoteReference ?? null,
    carrier: record.carrier,
    service: record.service,
    serviceReference: record.serviceReference,
    trackingReferences: record.trackingNumbers,
    price: quote?.price ?? null,
    allocatedAt: deps.now().toISOString()
  }, record.state)
}

const allocationFailed = () => new AppError('ALLOCATION_FAILED', {
  detail: 'The quoted service could not take this consignment; get quotes again',
  extensions: { state: 'AllocationFailed' }
})

/** A quote PRO refuses this close to its expiry, by our clock, is taken to have expired (the clocks differ). */
const EXPIRY_SKEW_MS = 2 * 60_000

/** PRO would not allocate with the quote and did nothing: expired when it is (nearly) past its expiry. */
function quoteRefused (deps: QuotesDeps, quote: StoredQuote): AppError {
  const expired = quote.expiresAt !== null && Date.parse(quote.expiresAt) - EXPIRY_SKEW_MS <= deps.now().getTime()
  return expired
    ? new AppError('QUOTE_EXPIRED', { detail: `Quote ${quote.quoteReference} expired at ${quote.expiresAt}; get quotes again` })
    : new AppError('QUOTE_NOT_FOUND', { detail: 'The shipping platform no longer accepts this quote; get quotes again' })
}

/**
 * Ends the claim the way PRO's answer allows and answers the error to throw. An unknown outcome
 * leaves the claim for a later request to settle with PRO once the lease has run out. A refusal is
 * read from its status and PRO's record of the consignment (its code is only logged): 404 is the
 * quote gone; otherwise PRO's state tells whether it allocated, recorded AllocationFailed, or did
 * nothing (the quote refused).
 */
async function settleFailure (deps: QuotesDeps, row: consignments.ConsignmentRow, quote: StoredQuote, previous: string, err: unknown): Promise<unknown> {
  const reference = row.reference!
  if (!isProError(err) || err.outcomeUnknown) {
    deps.log.warn({ reference, err }, 'allocate-with-quote outcome unknown; the claim is settled with PRO by a later request')
    return err
  }
  if (!(err instanceof ProRejectedError) || !refusesTheRequest(err)) {
    await staff.releaseClaim(deps.pool, reference, ALLOCATING, previous)
    return err
  }
  logRejection(deps.log, err, { reference, quoteReference: quote.quoteReference }, 'PRO refused to allocate with the quote')
  if (err.isNotFound) {
    await staff.releaseClaim(deps.pool, reference, ALLOCATING, previous)
    return quoteRefused(deps, quote)
  }
  await settleWithPro(deps, row)
  const now = await staffConsignment(deps, reference)
  if (hasAllocation(now.state)) return new AppError('ALREADY_ALLOCATED', { detail: `Consignment ${reference} is already ${now.state}`, extensions: { state: now.state } })
  if (now.state === ALLOCATING) return new AppError('OPERATION_IN_PROGRESS', { detail: `PRO is still allocating ${reference}; retry shortly`, retryAfterSeconds: 1 })
  if (now.state === 'AllocationFailed' && previous !== 'AllocationFailed') return allocationFailed()
  return quoteRefused(deps, quote)
}
