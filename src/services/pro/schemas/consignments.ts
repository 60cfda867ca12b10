import { Type, type Static, type StaticDecode } from '@sinclair/typebox'
import {
  ApiLink, BulkOperationResults, List, Maybe, MetaData, Money, OneOrMany, Price, ReportedWeight, Tags
} from './common.js'
import { Address, CustomsDocumentation, Package, RequestedDeliveryDate, ShipmentFields } from './shipment.js'
import { ConsignmentLeg } from './allocation.js'

/* Create, read, search and cancel consignments (PRO-API.md §7.3, §7.8). */

export const CreateConsignmentRequest = Type.Object({
  ...ShipmentFields,
  RequestedDeliveryDate: Type.Optional(RequestedDeliveryDate)
})
export type CreateConsignmentRequest = Static<typeof CreateConsignmentRequest>

/** A list with one link whose `Href` ends in the new `EC-` reference. */
export const CreateConsignmentResponse = OneOrMany(ApiLink)
export type CreateConsignmentResponse = Static<typeof CreateConsignmentResponse>

export const ConsignmentAllocation = Type.Object({
  CarrierServiceGroupReference: Maybe(Type.String()),
  MpdCarrierServiceGroupName: Maybe(Type.String()),
  MpdCarrierServiceReference: Maybe(Type.String()),
  MpdCarrierServiceName: Maybe(Type.String()),
  AllocationDate: Maybe(Type.String()),
  Price: Maybe(Price)
})

const MaybeDate = () => Maybe(Type.String())

/** `ConsignmentState` spelling is undocumented for multi-word states; the client normalises it. */
export const Consignment = Type.Object({
  Reference: Type.String(),
  ConsignmentState: Type.String(),
  ConsignmentReferenceProvidedByCustomer: Maybe(Type.String()),
  CustomerReference: Maybe(Type.String()),
  Source: Maybe(Type.String()),
  Direction: Maybe(Type.String()),
  Tags: Maybe(Tags),
  MetaData: Maybe(MetaData),
  DateCreated: MaybeDate(),
  ShippingDate: MaybeDate(),
  RequestedDeliveryDate: Maybe(RequestedDeliveryDate),
  EarliestDeliveryDate: MaybeDate(),
  LatestDeliveryDate: MaybeDate(),
  CollectionDate: MaybeDate(),
  DateShipped: MaybeDate(),
  DateCollected: MaybeDate(),
  DateDelivered: MaybeDate(),
  DateReturned: MaybeDate(),
  AttemptedDeliveryDate: MaybeDate(),
  FirstAttemptedDeliveryDate: MaybeDate(),
  Allocation: Maybe(ConsignmentAllocation),
  FailedAllocation: Maybe(Type.Unknown()),
  ConsignmentLegs: Maybe(Type.Array(ConsignmentLeg)),
  LabelCount: Maybe(Type.Integer()),
  LabelsPrinted: Maybe(Type.Boolean()),
  DateLabelsWereFirstPrinted: MaybeDate(),
  IsLate: Maybe(Type.Boolean()),
  LateForCustomer: Maybe(Type.Boolean()),
  Weight: Maybe(ReportedWeight),
  Value: Maybe(Money),
  CustomsDocumentation: Maybe(CustomsDocumentation),
  Addresses: Maybe(Type.Array(Address)),
  Packages: Maybe(Type.Array(Package))
})
export type Consignment = Static<typeof Consignment>

/** Property filters of the search endpoints, e.g. `{ State: 'Allocated', Direction: 'Inbound' }`. */
export type ConsignmentQuery = Record<string, string | number | boolean>

export const ConsignmentReferencesResponse = List(Type.String())
export type ConsignmentReferencesResponse = StaticDecode<typeof ConsignmentReferencesResponse>

export const ConsignmentSummary = Type.Object({
  Reference: Type.String(),
  State: Type.String(),
  ConsignmentReferenceProvidedByCustomer: Maybe(Type.String()),
  Source: Maybe(Type.String()),
  DateCreated: MaybeDate(),
  ShippingDate: MaybeDate(),
  AllocationDate: MaybeDate(),
  ShippedDate: MaybeDate(),
  RequestedDeliveryDate: MaybeDate(),
  EstimatedDeliveryDate: MaybeDate(),
  DeliveryDate: MaybeDate(),
  CollectionDate: MaybeDate(),
  MpdCarrierReference: Maybe(Type.String()),
  MpdCarrierServiceReference: Maybe(Type.String()),
  MpdCarrierServiceName: Maybe(Type.String()),
  MpdCarrierServiceGroupReference: Maybe(Type.String()),
  MpdCarrierServiceGroupName: Maybe(Type.String()),
  DestinationAddressPostcode: Maybe(Type.String()),
  DestinationAddressCountry: Maybe(Type.String()),
  DestinationShippingLocationReference: Maybe(Type.String()),
  LabelsPrinted: Maybe(Type.Boolean()),
  DateLabelsWereFirstPrinted: MaybeDate(),
  IsLate: Maybe(Type.Boolean()),
  FailedAllocationMessage: Maybe(Type.String()),
  FailedManifestMessage: Maybe(Type.String()),
  FailedManifestTimeStamp: MaybeDate(),
  Value: Maybe(Money),
  Weight: Maybe(ReportedWeight),
  ApiLink: Maybe(ApiLink)
})
export type ConsignmentSummary = Static<typeof ConsignmentSummary>

export const ConsignmentSearchResponse = Type.Object({
  Count: Type.Integer(),
  ConsignmentSummaries: List(ConsignmentSummary)
})
export type ConsignmentSearchResponse = StaticDecode<typeof ConsignmentSearchResponse>

/** Cancel list: a bare array of references in, one bulk result per consignment out. */
export const CancelConsignmentsRequest = Type.Array(Type.String(), { minItems: 1 })
export const CancelConsignmentsResponse = BulkOperationResults
