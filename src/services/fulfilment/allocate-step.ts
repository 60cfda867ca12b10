import { ProRejectedError, ProUnavailableError } from '../pro/errors.js'
import { refusesTheRequest } from '../pro/rejections.js'
import type { AllocationResult, NormalisedConsignment } from '../pro/readers.js'
import { ALLOCATED_STATES } from '../pro/states.js'
import * as consignments from '../store/consignments.js'
import type { OrderRow } from '../store/orders.js'
import type { StepDeps } from './deps.js'
import { allocateWith, describePlan, firstPlan, type AllocationPlan } from './allocation-calls.js'

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

/** PRO could not allocate these with any plan the configuration allows: the order needs a person. */
export class AllocationFailedError extends Error {
  constructor (readonly references: string[], how: string) {
    super(`PRO could not allocate ${references.join(', ')} with ${how}`)
    this.name = 'AllocationFailedError'
  }
}

/**
 * Allocates the consignments that are not yet allocated, with the configured strategy, in as few
 * calls as PRO allows. Consignments left `Allocating` by an interrupted attempt, or reported failed,
 * are looked up first, so a consignment PRO already allocated is never allocated again, and one
 * PRO is still allocating is waited for. An entry of PRO's answer that failed (or is missing), or a
 * refused call, fails its consignments; the others are recorded. Under `option`, consignments the
 * option's carrier service could not take are given at once to ALLOCATION_FALLBACK.
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

  if (toAllocate.length > 0) await allocateWithFallback(deps, order, toAllocate)
  if (stillAllocating.length > 0) throw new StillAllocatingError(stillAllocating)
}

async function allocateWithFallback (deps: StepDeps, order: OrderRow | null, references: string[]): Promise<void> {
  const plan = firstPlan(deps, order, new Date())
  if (plan === undefined) throw new AllocationFailedError(references, 'the chosen option\'s carrier service, past its cut-off (ALLOCATION_FALLBACK=none)')
  const failed = await allocateAndRecord(deps, plan, references)
  if (failed.length === 0) return
  const fallback = deps.allocationFallback
  if (plan.kind !== 'service' || fallback === null) throw new AllocationFailedError(failed, describePlan(plan))
  deps.log.warn({ orderId: order?.id, references: failed, tried: describePlan(plan), fallback: describePlan(fallback) }, 'PRO could not allocate with the option\'s carrier service; falling back')
  const stillFailed = await allocateAndRecord(deps, fallback, failed)
  if (stillFailed.length > 0) throw new AllocationFailedError(stillFailed, `${describePlan(plan)}, then ${describePlan(fallback)}`)
}

/** Answers the references PRO did not allocate. */
async function allocateAndRecord (deps: StepDeps, plan: AllocationPlan, references: string[]): Promise<string[]> {
  await deps.write(async (db) => { for (const reference of references) await consignments.recordState(db, reference, 'Allocating') })
  let results: AllocationResult[]
  try {
    results = await allocateWith(deps, plan, references)
  } catch (err) {
    if (!(err instanceof ProRejectedError) || !refusesTheRequest(err)) throw err
    // Refused as a whole (PRO's "Allocation Failed" is a 400): none of them was allocated.
    await deps.write(async (db) => { for (const reference of references) await consignments.recordState(db, reference, 'AllocationFailed') })
    return references
  }
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
