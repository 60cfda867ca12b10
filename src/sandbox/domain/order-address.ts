import { invalidField } from '../errors.js'
import type { Order, ProAddress } from '../model.js'

/**
 * `POST /orders/{ref}/address` adds an address of a type the order lacks; `PUT` replaces one it has
 * (PRO-API.md §7.2). Either way the other is refused: the stricter reading of "add" and "replace".
 */
export function setOrderAddress (order: Order, address: ProAddress, mode: 'add' | 'replace'): void {
  const existing = order.shipment.addresses.findIndex(current => current.AddressType === address.AddressType)
  if (mode === 'add' && existing >= 0) {
    throw invalidField('AddressExists', 'AddressType', `Order ${order.reference} already has a ${address.AddressType} address; replace it with PUT.`)
  }
  if (mode === 'replace' && existing < 0) {
    throw invalidField('AddressNotFound', 'AddressType', `Order ${order.reference} has no ${address.AddressType} address; add it with POST.`)
  }
  order.shipment = {
    ...order.shipment,
    addresses: mode === 'add' ? [...order.shipment.addresses, address] : order.shipment.addresses.map((current, index) => index === existing ? address : current)
  }
}
