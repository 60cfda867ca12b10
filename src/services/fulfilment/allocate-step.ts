import type { CheckoutOption } from '../../schemas/checkout-options.js'
import { ProUnavailableError } from '../pro/errors.js'
import type { AllocationResult, NormalisedConsignment } from '../pro/readers.js'
import { ALLOCATED_STATES } from '../pro/states.js'
import * as consignments from '../store/consignments.js'
import type { OrderRow } from '../store/orders.js'
import type { StepDeps } from './deps.js'

/** Our record of consignments whose last allocation may not be what PRO has now: looked up first. */
const UNSETTLED = new Set(['Allocating', 'AllocationFailed'])

/**
 * PRO is still allocating a consignment: asking again could allocate it twice, so the step fails
 * for a moment (a transient failure) and is tried again later.
 */
export class StillAllocatingError extends ProUnavailableError {
  constructor (readonly references: string[]) {
    super('allocate', { outcomeUnknown: false, detail: `PRO is still allocating ${references.join(', ')}` })
    this.name = 'StillAllocatingError'
  }
}

export class AllocationFailedError extends Error {
  constructor (readonly references: string[]) {
    super(`PRO could not allocate ${references.join(', ')}`)
    this.name = 'AllocationFailedError'
  }
}

/**
 * Allocates the consignments that are not yet allocated, with the configured strategy, in as few
 * calls as PRO allows. Consignments left `Allocating` by an interrupted attempt, or reported failed,
 * are looked up first, so a consignment PRO already allocated is never allocated again, and one
 * PRO is still allocating is waited for. An entry of PRO's answer that failed (or is missing) fails
 * its consignment; the others are recorded.
 */
export async function allocateConsignments (deps: StepDeps, order: OrderRow | null, rows: consignments.ConsignmentRow[]): Promise<void> {
  const toAllocate: string[] = []
  const stillAllocating: string[] = []
  for (const row of rows) {
    if (row.reference === null || ALLOCATED_STATES.has(row.state)) continue
    if (UNSETTLED.has(row.state)) {
      const current = await deps.pro.getConsignment(row.reference)
      if (ALLOCATED_STATES.has(current.ConsignmentState)) {
        await deps.write((db) => consignments.recordAllocation(db, row.reference!, fromConsignment(current)))
        continue
      }
      if (current.ConsignmentState === 'Allocating') {
        stillAllocating.push(row.reference)
        continue
      }
    }
    toAllocate.push(row.reference)
  }

  const failed = toAllocate.length === 0 ? [] : await allocateAndRecord(deps, order, toAllocate)
  if (failed.length > 0) throw new AllocationFailedError(failed)
  if (stillAllocating.length > 0) throw new StillAllocatingError(stillAllocating)
}

/** Answers the references PRO did not allocate. */
async function allocateAndRecord (deps: StepDeps, order: OrderRow | null, references: string[]): Promise<string[]> {
  await deps.write(async (db) => { for (const reference of references) await consignments.recordState(db, reference, 'Allocating') })
  const results = await allocate(deps, order, references)
  const failed: string[] = []
  for (const reference of references) {
    const result = results.find((r) => r.consignmentReference === reference)
    if (result?.allocated === true) {
      await deps.write((db) => consignments.recordAllocation(db, reference, fromSummary(result)))
      continue
    }
    // Missing from the answer: left `Allocating`, for the next try to look up.
    if (result !== undefined) await deps.write((db) => consignments.recordState(db, reference, 'AllocationFailed'))
    failed.push(reference)
  }
  return failed
}

async function allocate (deps: StepDeps, order: OrderRow | null, references: string[]): Promise<AllocationResult[]> {
  const strategy = deps.allocation
  if (strategy.kind === 'rules') return deps.pro.allocateWithDefaultRules(references)
  if (strategy.kind === 'group') {
    const results: AllocationResult[] = []
    for (const reference of references) results.push(...await deps.pro.allocateWithServiceGroup(reference, strategy.serviceGroupReference))
    return results
  }
  const option = order?.optionSnapshot as CheckoutOption | undefined
  if (!option?.serviceReference) return deps.pro.allocateWithDefaultRules(references)
  return deps.pro.allocateWithCarrierService(option.serviceReference, references)
}

function fromSummary (result: AllocationResult): consignments.AllocationRecord {
  const summary = result.summary
  return {
    state: 'Allocated',
    carrier: summary.CarrierName ?? null,
    service: summary.CarrierServiceName ?? null,
    serviceReference: summary.CarrierServiceReference ?? null,
    trackingNumbers: (summary.ConsignmentLegs ?? []).flatMap((leg) => leg.TrackingReferences ?? []),
    details: { carrierReference: summary.CarrierReference ?? null }
  }
}

export function fromConsignment (consignment: NormalisedConsignment): consignments.AllocationRecord {
  const legs = consignment.ConsignmentLegs ?? []
  return {
    state: consignment.ConsignmentState,
    carrier: legs.find((leg) => leg.CarrierName)?.CarrierName ?? null,
    service: consignment.Allocation?.MpdCarrierServiceName ?? null,
    serviceReference: consignment.Allocation?.MpdCarrierServiceReference ?? null,
    trackingNumbers: legs.flatMap((leg) => leg.TrackingReferences ?? []),
    details: { carrierReference: legs.find((leg) => leg.CarrierReference)?.CarrierReference ?? null }
  }
}
