import { Type, type Static, type StaticDecode } from '@sinclair/typebox'
import { List, Maybe, Price } from './common.js'
import { Address } from './shipment.js'

/* Get Quotes by Consignment Reference (PRO-API.md §7.4). */

export const QuoteLeg = Type.Object({
  JourneyStage: Maybe(Type.Integer()),
  CarrierService: Maybe(Type.Object({
    Reference: Maybe(Type.String()),
    Name: Maybe(Type.String()),
    CarrierReference: Maybe(Type.String()),
    CarrierName: Maybe(Type.String()),
    IsDropOff: Maybe(Type.Boolean()),
    IsPickUp: Maybe(Type.Boolean()),
    IsTimed: Maybe(Type.Boolean())
  })),
  CarrierAccountReference: Maybe(Type.String()),
  DeliveryHub: Maybe(Type.Unknown()),
  CostItems: Maybe(Type.Unknown()),
  VolumetricParcelWeight: Maybe(Type.Unknown()),
  CollectionType: Maybe(Type.String())
})

/** `QuoteReference` (a GUID) is what Allocate With Quote takes; a quote past `ExpiryDate` cannot be used. */
export const Quote = Type.Object({
  QuoteReference: Type.String(),
  MpdCarrierService: Maybe(Type.String()),
  MpdCarrierServiceReference: Maybe(Type.String()),
  MpdCarrierServiceSource: Maybe(Type.Union([Type.Number(), Type.String()])),
  CarrierReference: Maybe(Type.String()),
  OriginAddress: Maybe(Address),
  DestinationAddress: Maybe(Address),
  CollectionDate: Maybe(Type.String()),
  EarliestDeliveryDate: Maybe(Type.String()),
  LatestDeliveryDate: Maybe(Type.String()),
  BasePrice: Maybe(Price),
  Price: Price,
  Surcharges: Maybe(Type.Array(Type.Unknown())),
  Legs: Maybe(Type.Array(QuoteLeg)),
  CarrierAccountOwner: Maybe(Type.Unknown()),
  IsElectioService: Maybe(Type.Boolean()),
  ServiceDirection: Maybe(Type.String()),
  CreationDate: Maybe(Type.String()),
  ExpiryDate: Maybe(Type.String()),
  Requestor: Maybe(Type.String()),
  ConsignmentReference: Maybe(Type.String()),
  ConsignmentReferenceProvidedByCustomer: Maybe(Type.String())
})
export type Quote = Static<typeof Quote>

export const UnqualifiedService = Type.Object({
  Available: Maybe(Type.Boolean()),
  Rates: Maybe(Type.Boolean()),
  MpdCarrierService: Maybe(Type.String()),
  MpdCarrierServiceReference: Maybe(Type.String()),
  CarrierReference: Maybe(Type.String()),
  ExclusionReason: Maybe(Type.String())
})

export const QuotesResponse = Type.Object({
  QuoteRequestReference: Maybe(Type.String()),
  Quotes: List(Quote),
  Message: Maybe(Type.String()),
  UnqualifiedServices: Maybe(Type.Array(UnqualifiedService))
})
export type QuotesResponse = StaticDecode<typeof QuotesResponse>
