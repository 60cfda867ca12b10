import type { CheckoutOption } from '../../schemas/checkout-options.js'
import type { AllocationResult, NormalisedConsignment } from '../pro/readers.js'
import * as consignments from '../store/consignments.js'
import type { OrderRow } from '../store/orders.js'
import type { StepDeps } from './deps.js'

/** States in which a consignment has its carrier service (PRO refuses to allocate these again). */
export const ALLOCATED_STATES = new Set([
  'Allocated', 'Manifesting', 'Manifested', 'ManifestFailed', 'ReadyToShip', 'Dispatched', 'Collected', 'InTransit',
  'OutForDelivery', 'Delivered'
])

export class AllocationFailedError extends Error {
  constructor (readonly references: string[]) {
    super(`PRO could not allocate ${references.join(', ')}`)
    this.name = 'AllocationFailedError'
  }
}

/**
 * Allocates the consignments that are not yet allocated, with the configured strategy, in as few
 * calls as PRO allows. Consignments left `Allocating` by an interrupted attempt are looked up first,
 * so a consignment PRO already allocated is never allocated again.
 */
export async function allocateConsignments (deps: StepDeps, order: OrderRow | null, rows: consignments.ConsignmentRow[]): Promise<void> {
  const toAllocate: string[] = []
  for (const row of rows) {
    if (row.reference === null || ALLOCATED_STATES.has(row.state)) continue
    if (row.state === 'Allocating') {
      const current = await deps.pro.getConsignment(row.reference)
      if (ALLOCATED_STATES.has(current.ConsignmentState)) {
        await deps.write((db) => consignments.recordAllocation(db, row.reference!, fromConsignment(current)))
        continue
      }
    }
    toAllocate.push(row.reference)
  }
  if (toAllocate.length === 0) return

  await deps.write(async (db) => { for (const reference of toAllocate) await consignments.recordState(db, reference, 'Allocating') })
  const results = await allocate(deps, order, toAllocate)
  const failed: string[] = []
  for (const reference of toAllocate) {
    const result = results.find((r) => r.consignmentReference === reference)
    if (result) {
      await deps.write((db) => consignments.recordAllocation(db, reference, fromSummary(result)))
    } else {
      failed.push(reference)
    }
  }
  if (failed.length > 0) throw new AllocationFailedError(failed)
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
