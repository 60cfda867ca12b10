import { randomUUID } from 'node:crypto'
import type { BasketItem } from '../../schemas/checkout-options.js'
import * as consignments from '../store/consignments.js'
import type { OrderRow } from '../store/orders.js'
import type { StepDeps } from './deps.js'
import { planPacks, type PackGroup } from './pack-plan.js'

/**
 * Packs the order into one consignment per warehouse. PRO does not de-duplicate packs, so each pack
 * is recorded as an intent first; a retry of an intent that never got its reference asks PRO for a
 * consignment carrying the intent key before packing again.
 */
export async function packOrder (deps: StepDeps, order: OrderRow): Promise<consignments.ConsignmentRow[]> {
  if (!order.proOrderReference) throw new Error(`order ${order.id} has no PRO order reference`)
  const groups = planPacks(order.id, order.items as BasketItem[], deps.defaultShippingLocation)
  const packed: consignments.ConsignmentRow[] = []
  for (const group of groups) {
    const id = randomUUID()
    const row = await deps.write((db) => consignments.recordIntent(db, {
      id,
      intentKey: group.intentKey,
      orderId: order.id,
      source: 'checkout',
      shippingLocation: group.shippingLocation,
      details: { items: group.items }
    }))
    if (row.reference !== null) {
      packed.push(row)
      continue
    }
    const retry = row.id !== id
    const reference = (retry ? await packedBefore(deps, group) : undefined) ?? await packOne(deps, order.proOrderReference, group)
    await deps.write((db) => consignments.recordCreated(db, group.intentKey, reference))
    packed.push({ ...row, reference, state: 'Unallocated' })
  }
  return packed
}

async function packedBefore (deps: StepDeps, group: PackGroup): Promise<string | undefined> {
  const found = await deps.pro.findConsignmentReferences({ ConsignmentReferenceProvidedByCustomer: group.intentKey })
  if (found.length > 1) deps.log.error({ intentKey: group.intentKey, found }, 'PRO holds more than one consignment for one pack intent')
  if (found.length > 0) deps.log.info({ intentKey: group.intentKey, reference: found[0] }, 'pack found in PRO after an interrupted attempt')
  return found[0]
}

async function packOne (deps: StepDeps, proOrderReference: string, group: PackGroup): Promise<string> {
  const result = await deps.pro.packOrder(proOrderReference, {
    OrderReference: proOrderReference,
    OrderReferenceProvidedByCustomer: group.intentKey,
    Packages: [{
      Weight: { Value: group.weightKg, Unit: 'Kg' },
      Items: group.items.map((item) => ({ Sku: item.sku, Quantity: item.quantity }))
    }],
    Addresses: [{ AddressType: 'Origin', ShippingLocationReference: group.shippingLocation }]
  })
  const reference = result.consignmentReferences[0]
  if (!reference) throw new Error(`pack of ${group.intentKey} answered no consignment reference`)
  return reference
}
