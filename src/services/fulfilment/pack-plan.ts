import type { BasketItem } from '../../schemas/checkout-options.js'
import type { MetaData } from '../pro/schemas/common.js'
import type { PackOrderRequest } from '../pro/schemas/orders.js'
import { parcelFields, type DefaultParcel, type ParcelFields } from '../pro-mapping/parcel.js'

/** The MetaData key that carries a pack's intent key into PRO (PRO copies a pack's MetaData to its consignment). */
export const PACK_KEY = 'CheckoutPackKey'

/** One consignment to pack: the order's items held by one warehouse. */
export interface PackGroup {
  shippingLocation: string
  /** Sent to PRO as the consignment's `CheckoutPackKey` metadata; finds the consignment again after a crash. */
  intentKey: string
  items: Array<{ sku: string, quantity: number }>
  parcel: ParcelFields
}

/**
 * Splits an order's items by shipping location (the item's own, else the default), one group per
 * warehouse, in a stable order so that every retry derives the same intent keys.
 */
export function planPacks (orderId: string, items: readonly BasketItem[], defaultShippingLocation: string, defaultParcel: DefaultParcel): PackGroup[] {
  const byLocation = new Map<string, BasketItem[]>()
  for (const item of items) {
    const location = item.shippingLocation ?? defaultShippingLocation
    byLocation.set(location, [...(byLocation.get(location) ?? []), item])
  }
  return [...byLocation.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([location, held]) => ({
      shippingLocation: location,
      intentKey: `${orderId}/${location}`,
      items: mergedBySku(held),
      parcel: parcelFields(held, defaultParcel)
    }))
}

function mergedBySku (items: readonly BasketItem[]): PackGroup['items'] {
  const lines: PackGroup['items'] = []
  for (const item of items) {
    const existing = lines.find((line) => line.sku === item.sku)
    if (existing) existing.quantity += item.quantity
    else lines.push({ sku: item.sku, quantity: item.quantity })
  }
  return lines
}

/** What of an order the pack request repeats: its id, the merchant's number and metadata sent at confirm. */
export interface PackedOrder {
  id: string
  merchantReference: string
  metadata: Record<string, string>
}

/**
 * PRO `POST /orders/{ref}/pack` for one group. The merchant's order number stays the custom
 * reference (PRO gives it to the consignment); our intent key travels as metadata beside the order's
 * own, which a pack's MetaData replaces. Pack takes no addresses (PRO-API.md §7.2): the consignment
 * ships from the order's origin, which the pack step sets to the group's warehouse first.
 */
export function buildPackRequest (order: PackedOrder, proOrderReference: string, group: PackGroup): PackOrderRequest {
  const metaData: MetaData = [
    { KeyValue: 'CheckoutOrderId', StringValue: order.id },
    ...Object.entries(order.metadata).map(([KeyValue, StringValue]) => ({ KeyValue, StringValue })),
    { KeyValue: PACK_KEY, StringValue: group.intentKey }
  ]
  return {
    OrderReference: proOrderReference,
    OrderReferenceProvidedByCustomer: order.merchantReference,
    Packages: [{ ...group.parcel, Items: group.items.map((item) => ({ Sku: item.sku, Quantity: item.quantity })) }],
    MetaData: metaData
  }
}
