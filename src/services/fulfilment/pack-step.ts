import { randomUUID } from 'node:crypto'
import type { BasketItem } from '../../schemas/checkout-options.js'
import * as consignments from '../store/consignments.js'
import type { OrderRow } from '../store/orders.js'
import type { StepDeps } from './deps.js'
import { PACK_KEY, buildPackRequest, planPacks, type PackGroup } from './pack-plan.js'

/**
 * Packs the order into one consignment per warehouse. PRO does not de-duplicate packs, so each pack
 * is recorded as an intent first; a retry of an intent that never got its reference asks PRO for a
 * consignment carrying the intent key before packing again.
 */
export async function packOrder (deps: StepDeps, order: OrderRow): Promise<consignments.ConsignmentRow[]> {
  const proOrderReference = order.proOrderReference
  if (!proOrderReference) throw new Error(`order ${order.id} has no PRO order reference`)
  const groups = planPacks(order.id, order.items as BasketItem[], deps.defaultShippingLocation, deps.defaultParcel)
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
    const reference = (retry ? await packedBefore(deps, order, group) : undefined) ?? await packOne(deps, order, proOrderReference, group, groups.length > 1)
    await deps.write((db) => consignments.recordCreated(db, group.intentKey, reference))
    packed.push({ ...row, reference, state: 'Unallocated' })
  }
  return packed
}

/**
 * The consignment an earlier attempt of this pack made, if any: PRO's search finds the consignments
 * carrying the merchant's order number (several orders may share one), and the one whose metadata
 * holds this pack's intent key is ours.
 */
async function packedBefore (deps: StepDeps, order: OrderRow, group: PackGroup): Promise<string | undefined> {
  const candidates = await deps.pro.findConsignmentReferences({ ConsignmentReferenceProvidedByCustomer: order.merchantReference })
  const found: string[] = []
  for (const reference of candidates) {
    const consignment = await deps.pro.getConsignment(reference)
    if (consignment.MetaData?.some((entry) => entry.KeyValue === PACK_KEY && entry.StringValue === group.intentKey)) found.push(reference)
  }
  if (found.length > 1) deps.log.error({ intentKey: group.intentKey, found }, 'PRO holds more than one consignment for one pack intent')
  if (found.length > 0) deps.log.info({ intentKey: group.intentKey, reference: found[0] }, 'pack found in PRO after an interrupted attempt')
  return found[0]
}

/**
 * One pack. A split order's consignments leave from different warehouses, but a pack ships from the
 * order's origin: it is set to the group's warehouse first (the documented address call; one pass
 * per order, so no other pack of the order comes between the two calls).
 */
async function packOne (deps: StepDeps, order: OrderRow, proOrderReference: string, group: PackGroup, split: boolean): Promise<string> {
  if (split) await deps.pro.replaceOrderAddress(proOrderReference, { AddressType: 'Origin', ShippingLocationReference: group.shippingLocation })
  const result = await deps.pro.packOrder(proOrderReference, buildPackRequest(order, proOrderReference, group))
  const reference = result.consignmentReferences[0]
  if (!reference) throw new Error(`pack of ${group.intentKey} answered no consignment reference`)
  return reference
}
