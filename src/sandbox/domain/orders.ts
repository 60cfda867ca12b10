import { londonOffsetOn } from '../calendar.js'
import type { SandboxContext } from '../context.js'
import type { MetaDataEntry, OptionRequest, Order, ShipmentDetails, StoredOption } from '../model.js'
import { link } from '../present/common.js'

export interface Selection {
  Reference: string
  OrderReferenceProvidedByCustomer?: string | null
  MetaData?: MetaDataEntry[] | null
}

type Resolved = { selection: Selection, option: StoredOption, request: OptionRequest } | { selection: Selection, failure: string }

/** Each option of the call on its own: unknown or past its cut-off fails that entry only. */
function resolveSelections (context: SandboxContext, selections: readonly Selection[]): Resolved[] {
  const now = context.now().getTime()
  return selections.map((selection) => {
    const option = context.state.options.get(selection.Reference.toUpperCase())
    const request = option === undefined ? undefined : context.state.optionRequests.get(option.requestReference)
    if (option === undefined || request === undefined) return { selection, failure: `Delivery option ${selection.Reference} not found` }
    if (now > option.allocationCutOff.getTime()) return { selection, failure: `Delivery option ${option.reference} expired at ${option.allocationCutOff.toISOString()}` }
    return { selection, option, request }
  })
}

/** The order gets its own copies of the requested packages and items, with fresh references. */
function orderShipment (context: SandboxContext, selection: Selection, option: StoredOption, request: OptionRequest): ShipmentDetails {
  const { references } = context.state
  const { shipment } = request
  return {
    ...shipment,
    customerReference: selection.OrderReferenceProvidedByCustomer ?? shipment.customerReference,
    shippingDate: option.dispatchDate,
    requestedDeliveryDate: { date: option.deliveryDate, exact: true },
    addresses: shipment.addresses.map(address =>
      address.AddressType === 'Destination' && option.shop !== null ? { ...address, ShopLocationReference: option.shop.reference } : address),
    packages: shipment.packages.map(pkg => ({
      ...pkg,
      reference: references.next('EP'),
      items: pkg.items.map(item => ({ ...item, reference: references.hex32() }))
    })),
    metaData: [...shipment.metaData, ...(selection.MetaData ?? [])]
  }
}

/**
 * `POST /deliveryoptions/selectorder`. Answers 200 with one result per option, each with its own
 * `Status` (PRO-API.md §7.1: "check Status per entry"): an option unknown or past its cut-off is a
 * 400 entry without an order, the stricter reading (a caller that only reads the HTTP status misses
 * it). Selecting an option again creates another order, as PRO would; the simulator counts it as a
 * duplicate order.
 */
export function selectOrders (context: SandboxContext, selections: readonly Selection[]): Array<Record<string, unknown>> {
  return resolveSelections(context, selections).map((resolved) => {
    if ('failure' in resolved) {
      return { DeliveryOptionReference: resolved.selection.Reference, OrderReference: null, Status: 400, Message: resolved.failure, Links: null }
    }
    const { selection, option, request } = resolved
    if (option.orderReferences.length > 0) context.stats.duplicate('orders')
    const offset = londonOffsetOn(option.deliveryDate)
    const order: Order = {
      reference: context.state.references.next('EO'),
      createdAt: context.now(),
      deliveryOptionReference: option.reference,
      earliestDelivery: `${option.deliveryDate}T${option.window.start}${offset}`,
      latestDelivery: `${option.deliveryDate}T${option.window.end}${offset}`,
      shipment: orderShipment(context, selection, option, request),
      consignmentReferences: [],
      packedQuantities: new Map()
    }
    context.state.orders.set(order.reference, order)
    option.orderReferences.push(order.reference)
    return {
      DeliveryOptionReference: option.reference,
      OrderReference: order.reference,
      Status: 201,
      Message: null,
      Links: [link('Detail', context.href(`/orders/${order.reference}`))]
    }
  })
}
