import type { BasketItem } from '../../schemas/checkout-options.js'
import { DEFAULT_UNIT_WEIGHT_KG } from '../checkout/options-request.js'

/** One consignment to pack: the order's items held by one warehouse. */
export interface PackGroup {
  shippingLocation: string
  /** Sent to PRO as the consignment's customer reference; finds the consignment again after a crash. */
  intentKey: string
  items: Array<{ sku: string, quantity: number }>
  weightKg: number
}

/**
 * Splits an order's items by shipping location (the item's own, else the default), one group per
 * warehouse, in a stable order so that every retry derives the same intent keys.
 */
export function planPacks (orderId: string, items: BasketItem[], defaultShippingLocation: string): PackGroup[] {
  const groups = new Map<string, PackGroup>()
  for (const item of items) {
    const location = item.shippingLocation ?? defaultShippingLocation
    const group = groups.get(location) ?? { shippingLocation: location, intentKey: `${orderId}/${location}`, items: [], weightKg: 0 }
    const existing = group.items.find((entry) => entry.sku === item.sku)
    if (existing) existing.quantity += item.quantity
    else group.items.push({ sku: item.sku, quantity: item.quantity })
    group.weightKg += (item.weightKg ?? DEFAULT_UNIT_WEIGHT_KG) * item.quantity
    groups.set(location, group)
  }
  return [...groups.values()]
    .map((group) => ({ ...group, weightKg: Math.round(group.weightKg * 1000) / 1000 }))
    .sort((a, b) => a.shippingLocation.localeCompare(b.shippingLocation))
}
