import type { SandboxContext } from '../context.js'
import { invalidField } from '../errors.js'
import type { Item, Order, ProAddress, ShipmentDetails } from '../model.js'
import { parcelOf } from '../normalise-shipment.js'
import { link } from '../present/common.js'
import type { PackBody, PackItemInput } from '../schemas.js'
import { createConsignment } from './consignments.js'

type ItemKey = 'Reference' | 'ItemReferenceProvidedByCustomer' | 'Sku'

function identify (input: PackItemInput): { key: ItemKey, value: string } | null {
  if (input.Reference != null && input.Reference !== '') return { key: 'Reference', value: input.Reference }
  if (input.ItemReferenceProvidedByCustomer != null && input.ItemReferenceProvidedByCustomer !== '') return { key: 'ItemReferenceProvidedByCustomer', value: input.ItemReferenceProvidedByCustomer }
  if (input.Sku != null && input.Sku !== '') return { key: 'Sku', value: input.Sku }
  return null
}

function matches (item: Item, key: ItemKey, value: string): boolean {
  if (key === 'Reference') return item.reference === value
  if (key === 'ItemReferenceProvidedByCustomer') return item.customerReference === value
  return item.sku === value
}

/** Resolves the requested items against the order; `packed` gathers this call's quantities. */
function resolveItems (order: Order, body: PackBody, packed: Map<string, number>): Item[][] {
  const orderItems = order.shipment.packages.flatMap(pkg => pkg.items)
  return body.Packages.map((pkg, packageIndex) => pkg.Items.map((input, itemIndex) => {
    const target = `Packages[${packageIndex}].Items[${itemIndex}]`
    const id = identify(input)
    if (id === null) throw invalidField('ItemNotFound', target, `${target} needs a Reference, an ItemReferenceProvidedByCustomer or a Sku.`)
    const candidates = orderItems.filter(item => matches(item, id.key, id.value))
    if (candidates.length === 0) throw invalidField('ItemNotFound', `${target}.${id.key}`, `Item ${id.value} is not part of order ${order.reference}.`)
    const alreadyPacked = (item: Item) => (order.packedQuantities.get(item.reference) ?? 0) + (packed.get(item.reference) ?? 0)
    const item = candidates.find(candidate => alreadyPacked(candidate) < candidate.quantity) ?? candidates[0]
    const quantity = input.Quantity ?? item.quantity
    packed.set(item.reference, (packed.get(item.reference) ?? 0) + quantity)
    return { ...item, quantity }
  }))
}

function swapped (addresses: readonly ProAddress[]): ProAddress[] {
  return addresses.map(address => address.AddressType === 'Origin'
    ? { ...address, AddressType: 'Destination' }
    : address.AddressType === 'Destination' ? { ...address, AddressType: 'Origin' } : address)
}

/**
 * `POST /orders/{ref}/pack`: one consignment from the given packages. Like PRO it does not refuse
 * items packed before; packing more than was ordered counts as a duplicate consignment.
 */
export function packOrder (context: SandboxContext, order: Order, body: PackBody): Array<Record<string, unknown>> {
  if (body.OrderReference != null && body.OrderReference !== '' && body.OrderReference.toUpperCase() !== order.reference) {
    throw invalidField('OrderReferenceMismatch', 'OrderReference', `OrderReference ${body.OrderReference} does not match the order in the path.`)
  }
  const packedNow = new Map<string, number>()
  const itemsPerPackage = resolveItems(order, body, packedNow)
  // Pack Order takes no addresses (PRO-API.md §7.2): the consignment ships from the order's, as they are now.
  const addresses = order.shipment.addresses
  const packages = body.Packages.map((pkg, index) => {
    const items = itemsPerPackage[index] ?? []
    return {
      reference: context.state.references.next('EP'),
      customerReference: '',
      ...parcelOf(pkg, `Packages[${index}]`),
      items,
      metaData: []
    }
  })
  const orderItems = order.shipment.packages.flatMap(pkg => pkg.items)
  if (orderItems.some(item => (order.packedQuantities.get(item.reference) ?? 0) + (packedNow.get(item.reference) ?? 0) > item.quantity)) {
    context.stats.duplicate('consignments')
  }
  for (const [reference, quantity] of packedNow) order.packedQuantities.set(reference, (order.packedQuantities.get(reference) ?? 0) + quantity)
  const shipment: ShipmentDetails = {
    ...order.shipment,
    customerReference: body.OrderReferenceProvidedByCustomer ?? order.shipment.customerReference ?? '',
    addresses,
    packages,
    metaData: body.MetaData ?? order.shipment.metaData,
    customs: body.CustomsDocumentation ?? order.shipment.customs,
    tags: body.Tags ?? order.shipment.tags
  }
  const created = [createConsignment(context, shipment, order.reference)]
  if (body.GenerateReturn === true) {
    created.push(createConsignment(context, { ...shipment, direction: 'Inbound', addresses: swapped(addresses), requestedDeliveryDate: null }, order.reference))
  }
  order.consignmentReferences.push(...created.map(consignment => consignment.reference))
  return created.map(consignment => ({
    Result: 'ConsignmentCreated',
    ApiLinks: [link('Consignment', context.href(`/consignments/${consignment.reference}`))]
  }))
}
