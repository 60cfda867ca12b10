import { findService } from './catalogue.js'
import { shippingLocationReferenceOf } from './normalise-address.js'
import { OPERATIONS, type Operation } from './operations.js'
import { SHIPPING_LOCATIONS } from './shipping-locations.js'
import type { SandboxState } from './state.js'

export type DuplicateKind = 'orders' | 'consignments' | 'allocations' | 'manifests'

/** What the simulator was asked to do, so tests can prove the BFF never did anything twice. */
export class SandboxStats {
  counts = SandboxStats.zeroCounts()
  duplicates: Record<DuplicateKind, number> = SandboxStats.zeroDuplicates()
  /** Calls that took effect (2xx) but whose answer the caller never got: a lost-response fault or a caller gone first. */
  lostAnswers: Record<Operation, number> = SandboxStats.zeroCounts()

  private static zeroCounts (): Record<Operation, number> {
    return Object.fromEntries(OPERATIONS.map(operation => [operation, 0])) as Record<Operation, number>
  }

  private static zeroDuplicates (): Record<DuplicateKind, number> {
    return { orders: 0, consignments: 0, allocations: 0, manifests: 0 }
  }

  count (operation: Operation): void {
    this.counts[operation] += 1
  }

  duplicate (kind: DuplicateKind): void {
    this.duplicates[kind] += 1
  }

  loseAnswer (operation: Operation): void {
    this.lostAnswers[operation] += 1
  }

  reset (): void {
    this.counts = SandboxStats.zeroCounts()
    this.duplicates = SandboxStats.zeroDuplicates()
    this.lostAnswers = SandboxStats.zeroCounts()
  }
}

/** `GET /_sandbox/stats`: the counters plus every order's and consignment's current state. */
export function statsSnapshot (stats: SandboxStats, state: SandboxState): Record<string, unknown> {
  const orders = Object.fromEntries([...state.orders.values()].map(order => {
    const items = order.shipment.packages.flatMap(pkg => pkg.items)
    const packed = items.filter(item => (order.packedQuantities.get(item.reference) ?? 0) >= item.quantity).length
    const status = order.consignmentReferences.length === 0 ? 'Unpacked' : packed >= items.length ? 'Packed' : 'PartiallyPacked'
    return [order.reference, {
      state: status,
      deliveryOptionReference: order.deliveryOptionReference,
      customerReference: order.shipment.customerReference,
      consignmentReferences: order.consignmentReferences
    }]
  }))
  const consignments = Object.fromEntries([...state.consignments.values()].map(consignment => {
    const service = consignment.allocation === null ? undefined : findService(consignment.allocation.serviceReference)
    return [consignment.reference, {
      state: consignment.state,
      orderReference: consignment.orderReference,
      shippingLocation: shippingLocationReferenceOf(consignment.shipment.addresses),
      carrier: service?.carrierReference ?? null,
      service: service?.reference ?? null,
      trackingNumbers: consignment.allocation?.trackingNumbers ?? [],
      labelsPrinted: consignment.labelsPrinted,
      manifestCount: consignment.manifestCount,
      customerReference: consignment.shipment.customerReference
    }]
  }))
  return {
    counts: stats.counts,
    duplicates: stats.duplicates,
    lostAnswers: stats.lostAnswers,
    shippingLocations: SHIPPING_LOCATIONS.map(location => location.reference),
    orders,
    consignments
  }
}
