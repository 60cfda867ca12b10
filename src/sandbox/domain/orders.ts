import { londonOffsetOn } from '../calendar.js'
import type { SandboxContext } from '../context.js'
import { ProError } from '../errors.js'
import type { MetaDataEntry, OptionRequest, Order, ShipmentDetails, StoredOption } from '../model.js'
import { link } from '../present/common.js'

export interface Selection {
  Reference: string
  OrderReferenceProvidedByCustomer?: string | null
  MetaData?: MetaDataEntry[] | null
}

function rejectSelection (code: string, index: number, message: string): ProError {
  return new ProError(400, code, message, [{ Code: code, Target: `DeliveryOptions[${index}].Reference`, Message: message }])
}

/** Every option of the call must exist and be before its cut-off, or nothing is created. */
function resolveSelections (context: SandboxContext, selections: readonly Selection[]): Array<{ selection: Selection, option: StoredOption, request: OptionRequest }> {
  const now = context.now().getTime()
  return selections.map((selection, index) => {
    const option = context.state.options.get(selection.Reference.toUpperCase())
    const request = option === undefined ? undefined : context.state.optionRequests.get(option.requestReference)
    if (option === undefined || request === undefined) throw rejectSelection('DeliveryOptionNotFound', index, `Delivery option ${selection.Reference} not found`)
    if (now > option.allocationCutOff.getTime()) {
      throw rejectSelection('DeliveryOptionExpired', index, `Delivery option ${option.reference} expired at ${option.allocationCutOff.toISOString()}`)
    }
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
 * `POST /deliveryoptions/selectorder`. Selecting an option again creates another order, as PRO
 * would; the simulator counts it as a duplicate order.
 */
export function selectOrders (context: SandboxContext, selections: readonly Selection[]): Array<Record<string, unknown>> {
  return resolveSelections(context, selections).map(({ selection, option, request }) => {
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
