import type { SandboxContext } from '../context.js'
import type { Consignment, ConsignmentState } from '../model.js'
import { recordEvent } from './events.js'

/**
 * The stricter of the docs' readings (PRO-API.md §10.5): the cancelling page allows a cancel only
 * before manifesting, and the deallocating page asks for an allocated consignment to be deallocated
 * first, so only a consignment without a carrier service may be cancelled.
 */
const CANCELLABLE = new Set<ConsignmentState>(['Unallocated', 'AllocationFailed'])

export function cancelRefusal (consignment: Consignment): string | null {
  if (CANCELLABLE.has(consignment.state)) return null
  const hint = DEALLOCATABLE.has(consignment.state) && consignment.state !== 'Manifested' ? ' Deallocate it first.' : ''
  return `Consignment ${consignment.reference} is ${consignment.state} and cannot be cancelled.${hint}`
}

/** PRO-API.md §7.8: deallocation wipes the allocation data and leaves the consignment Unallocated. */
const DEALLOCATABLE = new Set<ConsignmentState>(['Allocated', 'Manifested', 'ManifestFailed'])

export function deallocateRefusal (consignment: Consignment): string | null {
  return DEALLOCATABLE.has(consignment.state) ? null : `Consignment ${consignment.reference} is ${consignment.state} and cannot be deallocated.`
}

export function deallocate (context: SandboxContext, consignment: Consignment): void {
  consignment.state = 'Unallocated'
  consignment.allocation = null
  recordEvent(consignment, context.now(), 'DEALLOCATED', 'Consignment deallocated')
}

export function cancel (context: SandboxContext, consignment: Consignment): void {
  consignment.state = 'Cancelled'
  recordEvent(consignment, context.now(), 'CANCELLED', 'Consignment cancelled')
}
