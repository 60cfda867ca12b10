import { formatUtc, midnight } from '../calendar.js'
import { totalWeightKg } from '../eligibility.js'
import type { Order } from '../model.js'
import { presentMoney, presentPackage, presentWeight } from './common.js'

/** `GET /orders/{ref}` in the shape of get-order.response.json. */
export function presentOrder (order: Order): Record<string, unknown> {
  const { shipment } = order
  const requested = shipment.requestedDeliveryDate
  return {
    OrderReference: order.reference,
    OrderReferenceProvidedByCustomer: shipment.customerReference,
    DeliveryOptionReference: order.deliveryOptionReference,
    Packages: shipment.packages.map(pkg => presentPackage(pkg)),
    DateCreated: formatUtc(order.createdAt),
    RequiredDeliveryDate: requested === null ? null : { Date: midnight(requested.date), IsToBeExactlyOnTheDateSpecified: requested.exact },
    ShippingDate: shipment.shippingDate === null ? null : midnight(shipment.shippingDate),
    MetaData: shipment.metaData,
    EarliestDeliveryDate: order.earliestDelivery,
    LatestDeliveryDate: order.latestDelivery,
    Weight: presentWeight(totalWeightKg(shipment)),
    Source: shipment.source,
    Value: presentMoney(shipment.packages.reduce((sum, pkg) => sum + pkg.value, 0), shipment.packages[0]?.currency ?? 'GBP'),
    Addresses: shipment.addresses,
    CustomsDocumentation: shipment.customs,
    Direction: shipment.direction,
    Tags: shipment.tags,
    ConsignmentReferences: order.consignmentReferences
  }
}
