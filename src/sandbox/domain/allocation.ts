import { SERVICES, type CarrierService } from '../catalogue.js'
import { nextCollection, type Collection } from '../collections.js'
import type { SandboxContext } from '../context.js'
import { exclusionReason, profileOf, totalWeightKg } from '../eligibility.js'
import { badState, ProError, type ProErrorDetail } from '../errors.js'
import type { Consignment, Price } from '../model.js'
import { shippingLocationReferenceOf } from '../normalise-address.js'
import { allocationSummary, failedAllocationSummary } from '../present/allocation.js'
import { priceFor } from '../pricing.js'
import { findShippingLocation } from '../shipping-locations.js'
import { recordEvent } from './events.js'

const ALLOCATABLE = new Set(['Unallocated', 'AllocationFailed'])

/**
 * Looks up every consignment of an allocation call. Unknown references fail the whole call with
 * 404; a consignment past allocation fails it with 400 and counts as a duplicate allocation.
 */
export function allocatableConsignments (context: SandboxContext, references: readonly string[]): Consignment[] {
  const consignments = references.map(reference => context.state.consignment(reference))
  const details: ProErrorDetail[] = []
  for (const consignment of consignments) {
    if (ALLOCATABLE.has(consignment.state)) continue
    if (consignment.allocation !== null) context.stats.duplicate('allocations')
    details.push({ Code: 'InvalidConsignmentState', Target: consignment.reference, Message: `Consignment ${consignment.reference} is ${consignment.state} and cannot be allocated.` })
  }
  if (details.length > 0) throw badState(details.map(detail => detail.Message).join(' '), details)
  return consignments
}

export interface Candidate { service: CarrierService, collection: Collection, price: Price }

/** Whether a service can carry the consignment now; the reason when it cannot. */
export function candidateFor (context: SandboxContext, consignment: Consignment, service: CarrierService): Candidate | string {
  const reason = exclusionReason(service, profileOf(consignment.shipment))
  if (reason !== null) return reason
  const location = findShippingLocation(shippingLocationReferenceOf(consignment.shipment.addresses) ?? '')
  if (location === undefined) return 'The consignment has no shipping location.'
  const collection = nextCollection(location, service, context.now(), consignment.shipment.shippingDate)
  if (collection === null) return 'This service is not available for the selected collection/delivery dates.'
  return { service, collection, price: priceFor(service, totalWeightKg(consignment.shipment)) }
}

export function cheapestCandidate (context: SandboxContext, consignment: Consignment, services: readonly CarrierService[] = SERVICES): Candidate | null {
  let best: Candidate | null = null
  for (const service of services) {
    const candidate = candidateFor(context, consignment, service)
    if (typeof candidate !== 'string' && (best === null || candidate.price.gross < best.price.gross)) best = candidate
  }
  return best
}

function applyAllocation (context: SandboxContext, consignment: Consignment, candidate: Candidate, groupReference: string | null): void {
  const now = context.now()
  consignment.allocation = {
    serviceReference: candidate.service.reference,
    groupReference,
    allocatedAt: now,
    collectionDate: candidate.collection.date,
    estimatedDeliveryDate: candidate.collection.deliveryDate,
    price: candidate.price,
    trackingNumbers: consignment.shipment.packages.map(() => context.state.references.trackingNumber(candidate.service.carrierReference))
  }
  consignment.failedAllocation = null
  consignment.state = 'Allocated'
  recordEvent(consignment, now, 'ALLOCATED', `Allocated to ${candidate.service.name}`)
}

export function failAllocation (context: SandboxContext, consignment: Consignment, message: string, serviceReference: string | null, groupReference: string | null): void {
  consignment.failedAllocation = { attemptedAt: context.now(), message, serviceReference, groupReference }
  consignment.state = 'AllocationFailed'
}

/** `declined`: the carrier turned the booking down (the `allocationFailureRate` fault), reported inside a 200. */
export interface AllocationOutcome { consignment: Consignment, candidate: Candidate | null, failure: string | null, declined?: boolean }

const DECLINED = 'The carrier declined the booking.'

/** Whether the `allocationFailureRate` fault turns this consignment's booking down. */
function carrierDeclines (context: SandboxContext): boolean {
  const rate = context.faults.ruleFor('allocate').allocationFailureRate
  return rate !== undefined && rate > 0 && context.random() < rate
}

/** Allocates to the candidate, unless the carrier declines (then AllocationFailed, as PRO records it). */
export function allocateTo (context: SandboxContext, consignment: Consignment, candidate: Candidate, groupReference: string | null): AllocationOutcome {
  if (carrierDeclines(context)) {
    failAllocation(context, consignment, DECLINED, candidate.service.reference, groupReference)
    return { consignment, candidate: null, failure: DECLINED, declined: true }
  }
  applyAllocation(context, consignment, candidate, groupReference)
  return { consignment, candidate, failure: null }
}

/**
 * Answers an allocation call: a 400 `AllocationFailed` naming each consignment no service could
 * take (the others stay allocated); otherwise one entry per consignment with its `StatusCode`,
 * a declined booking as a failed entry (PRO-API.md §5: the summary carries a StatusCode).
 */
export function allocationAnswer (context: SandboxContext, outcomes: readonly AllocationOutcome[]): Array<Record<string, unknown>> {
  const failures = outcomes.filter(outcome => outcome.failure !== null)
  if (failures.some(outcome => outcome.declined !== true)) {
    const details = failures.map(outcome => ({ Code: 'AllocationFailed', Target: outcome.consignment.reference, Message: outcome.failure ?? '' }))
    throw new ProError(400, 'AllocationFailed', `${failures.length} of ${outcomes.length} consignment(s) could not be allocated.`, details)
  }
  return outcomes.map(outcome => outcome.failure === null
    ? allocationSummary(outcome.consignment, outcome.candidate?.collection.cutOff ?? context.now(), context.href)
    : failedAllocationSummary(outcome.consignment, outcome.failure, context.href))
}
