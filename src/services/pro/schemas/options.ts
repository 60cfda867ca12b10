import { Type, type Static, type StaticDecode } from '@sinclair/typebox'
import { Address, CustomsDocumentation, ShipmentFields } from './shipment.js'
import { ApiLink, List, Maybe, MetaData, Money, Price, ReportedWeight } from './common.js'

/* Delivery options, pickup options, option details and select-as-order (PRO-API.md §7.1). */

export const DeliveryOptionsRequest = Type.Object({
  ...ShipmentFields,
  DeliveryDate: Type.Optional(Type.String()),
  GuaranteedOnly: Type.Optional(Type.Boolean())
})
export type DeliveryOptionsRequest = Static<typeof DeliveryOptionsRequest>

export const EstimatedDeliveryDate = Type.Object({
  Date: Type.String(),
  Guaranteed: Maybe(Type.Boolean()),
  DayOfWeek: Maybe(Type.String())
})

/** `Start`/`End` are `HH:mm:ss`; 00:00–23:59 means no specific time slot. */
export const DeliveryWindow = Type.Object({
  Start: Type.String(),
  End: Type.String(),
  UtcOffset: Maybe(Type.String())
})
export type DeliveryWindow = Static<typeof DeliveryWindow>

export const DeliveryOption = Type.Object({
  Reference: Type.String(),
  EstimatedDeliveryDate: EstimatedDeliveryDate,
  DeliveryWindow: Maybe(DeliveryWindow),
  Carrier: Maybe(Type.String()),
  CarrierService: Maybe(Type.String()),
  CarrierServiceReference: Maybe(Type.String()),
  CarrierServiceTypes: Maybe(Type.Array(Type.String())),
  Price: Maybe(Price),
  AllocationCutOff: Maybe(Type.String()),
  OperationalCutOff: Maybe(Type.String()),
  ServiceDirection: Maybe(Type.String())
})
export type DeliveryOption = Static<typeof DeliveryOption>

export const DeliveryOptionsResponse = Type.Object({
  DeliveryOptions: List(DeliveryOption)
})
export type DeliveryOptionsResponse = StaticDecode<typeof DeliveryOptionsResponse>

export const PickupOptionsRequest = Type.Object({
  ...DeliveryOptionsRequest.properties,
  Distance: Type.Object({ Unit: Type.String(), Value: Type.Number({ exclusiveMinimum: 0 }) }),
  MaxResults: Type.Integer({ minimum: 1, maximum: 50 })
})
export type PickupOptionsRequest = Static<typeof PickupOptionsRequest>

const OpeningSlots = Maybe(Type.Array(Type.Object({
  Start: Type.String(),
  End: Type.String(),
  UtcOffset: Maybe(Type.String())
})))

export const OpeningTimes = Type.Object({
  Monday: OpeningSlots,
  Tuesday: OpeningSlots,
  Wednesday: OpeningSlots,
  Thursday: OpeningSlots,
  Friday: OpeningSlots,
  Saturday: OpeningSlots,
  Sunday: OpeningSlots
})
export type OpeningTimes = Static<typeof OpeningTimes>

export const PickupLocation = Type.Object({
  Name: Maybe(Type.String()),
  ShopReference: Maybe(Type.String()),
  Address: Maybe(Address),
  Distance: Maybe(Type.Number()),
  OpeningTimes: Maybe(OpeningTimes),
  DeliveryOptions: List(DeliveryOption),
  Reservation: Maybe(Type.Object({
    IsReservationRequired: Maybe(Type.Boolean()),
    ExpiryDate: Maybe(Type.String())
  })),
  AdditionalInformation: Maybe(Type.Array(Type.Object({
    Key: Type.String(),
    Value: Maybe(Type.String())
  })))
})
export type PickupLocation = StaticDecode<typeof PickupLocation>

export const PickupOptionsResponse = Type.Object({
  Distance: Maybe(Type.Number()),
  MaxResults: Maybe(Type.Integer()),
  Locations: List(PickupLocation),
  NonGuaranteedLocation: Maybe(Type.Unknown())
})
export type PickupOptionsResponse = StaticDecode<typeof PickupOptionsResponse>

export const OptionDetailsResponse = Type.Object({
  Reference: Maybe(Type.String()),
  ConsignmentDetail: Maybe(Type.Object({
    Reference: Maybe(Type.String()),
    CustomerReference: Maybe(Type.String()),
    Weight: Maybe(ReportedWeight),
    Value: Maybe(Money),
    CustomsDocumentation: Maybe(CustomsDocumentation),
    DateCreated: Maybe(Type.String()),
    ShippingDate: Maybe(Type.String()),
    RequestedDeliveryDate: Maybe(Type.Unknown()),
    EarliestDeliveryDate: Maybe(Type.String()),
    LatestDeliveryDate: Maybe(Type.String()),
    ConsignmentReferenceProvidedByCustomer: Maybe(Type.String()),
    Addresses: Maybe(Type.Array(Address))
  })),
  DeliveryOption
})
export type OptionDetailsResponse = Static<typeof OptionDetailsResponse>

export const SelectOrderRequest = Type.Object({
  DeliveryOptions: Type.Array(Type.Object({
    Reference: Type.String(),
    OrderReferenceProvidedByCustomer: Type.Optional(Type.String()),
    MetaData: Type.Optional(MetaData)
  }), { minItems: 1 })
})
export type SelectOrderRequest = Static<typeof SelectOrderRequest>

/** One entry per selected option; `Status` (201 on success) must be checked per entry when PRO sends it. */
export const SelectOrderResult = Type.Object({
  DeliveryOptionReference: Maybe(Type.String()),
  OrderReference: Maybe(Type.String()),
  Status: Maybe(Type.Integer()),
  Message: Maybe(Type.String()),
  Links: Maybe(Type.Array(ApiLink))
})
export type SelectOrderResult = Static<typeof SelectOrderResult>

export const SelectOrderResponse = Type.Object({
  SelectOrderResults: List(SelectOrderResult)
})
export type SelectOrderResponse = StaticDecode<typeof SelectOrderResponse>
