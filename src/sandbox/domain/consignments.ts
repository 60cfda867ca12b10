import type { SandboxContext } from '../context.js'
import type { Consignment, ShipmentDetails } from '../model.js'

/** Stores a new Unallocated consignment. */
export function createConsignment (context: SandboxContext, shipment: ShipmentDetails, orderReference: string | null): Consignment {
  const consignment: Consignment = {
    reference: context.state.references.next('EC'),
    orderReference,
    createdAt: context.now(),
    shipment,
    state: 'Unallocated',
    allocation: null,
    failedAllocation: null,
    labelsPrinted: false,
    labelsFirstPrintedAt: null,
    manifestCount: 0,
    events: []
  }
  context.state.consignments.set(consignment.reference, consignment)
  return consignment
}
