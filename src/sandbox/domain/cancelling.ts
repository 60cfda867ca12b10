import type { SandboxContext } from '../context.js'
import type { Consignment, ConsignmentState } from '../model.js'
import { recordEvent } from './events.js'

/** States the consignment-states page allows no cancel from; Cancelled is final. */
const NOT_CANCELLABLE = new Set<ConsignmentState>(['Allocating', 'Manifesting', 'Cancelling', 'Cancelled'])

export function cancelRefusal (consignment: Consignment): string | null {
  return NOT_CANCELLABLE.has(consignment.state) ? `Consignment ${consignment.reference} is ${consignment.state} and cannot be cancelled.` : null
}

export function cancel (context: SandboxContext, consignment: Consignment): void {
  consignment.state = 'Cancelled'
  recordEvent(consignment, context.now(), 'CANCELLED', 'Consignment cancelled')
}
