import { Type, type Static, type StaticDecode } from '@sinclair/typebox'
import { ApiLink, Dimensions, List, Maybe, MetaData, Money, ReportedWeight, Tags, Weight } from './common.js'
import { Address, CustomsDocumentation, Package } from './shipment.js'

/* Get order and pack order (PRO-API.md §7.2). */

export const Order = Type.Object({
  OrderReference: Type.String(),
  OrderReferenceProvidedByCustomer: Maybe(Type.String()),
  DeliveryOptionReference: Maybe(Type.String()),
  Packages: Maybe(Type.Array(Package)),
  DateCreated: Maybe(Type.String()),
  RequiredDeliveryDate: Maybe(Type.Object({
    Date: Type.String(),
    IsToBeExactlyOnTheDateSpecified: Maybe(Type.Boolean())
  })),
  ShippingDate: Maybe(Type.String()),
  EarliestDeliveryDate: Maybe(Type.String()),
  LatestDeliveryDate: Maybe(Type.String()),
  MetaData: Maybe(MetaData),
  Weight: Maybe(ReportedWeight),
  Value: Maybe(Money),
  Source: Maybe(Type.String()),
  Addresses: Maybe(Type.Array(Address)),
  CustomsDocumentation: Maybe(CustomsDocumentation),
  Direction: Maybe(Type.String()),
  Tags: Maybe(Tags)
})
export type Order = Static<typeof Order>

/** An item of the order, named by one of its references, and how many of it go in the package. */
export const PackItem = Type.Object({
  Reference: Type.Optional(Type.String()),
  ItemReferenceProvidedByCustomer: Type.Optional(Type.String()),
  Sku: Type.Optional(Type.String()),
  Quantity: Type.Integer({ minimum: 1 })
})
export type PackItem = Static<typeof PackItem>

export const PackPackage = Type.Object({
  Dimensions: Type.Optional(Dimensions),
  Weight: Type.Optional(Weight),
  PackageSizeReference: Type.Optional(Type.String()),
  Description: Type.Optional(Type.String()),
  Value: Type.Optional(Money),
  Items: Type.Array(PackItem, { minItems: 1 }),
  MetaData: Type.Optional(MetaData)
})

/**
 * `OrderReferenceProvidedByCustomer` becomes the new consignment's
 * `ConsignmentReferenceProvidedByCustomer` (the request's, else the order's). `Description` and
 * `Value` are §5 package fields the pack page does not list. Pack takes no addresses: the
 * consignment ships from the order's (set them first with `PUT /orders/{ref}/address`).
 */
export const PackOrderRequest = Type.Object({
  OrderReference: Type.String(),
  OrderReferenceProvidedByCustomer: Type.Optional(Type.String()),
  GenerateReturn: Type.Optional(Type.Boolean()),
  Packages: Type.Array(PackPackage, { minItems: 1 }),
  MetaData: Type.Optional(MetaData),
  CustomsDocumentation: Type.Optional(CustomsDocumentation),
  Tags: Type.Optional(Tags)
})
export type PackOrderRequest = Static<typeof PackOrderRequest>

export const PackOrderResponse = Type.Object({
  Results: List(Type.Object({
    Result: Maybe(Type.String()),
    ApiLinks: Maybe(Type.Array(ApiLink))
  }))
})
export type PackOrderResponse = StaticDecode<typeof PackOrderResponse>
