import { dayName, formatLondon, formatUtc, londonOffsetOn, midnight } from '../calendar.js'
import { carrierOf, findService } from '../catalogue.js'
import { totalWeightKg } from '../eligibility.js'
import type { OptionRequest, StoredOption } from '../model.js'
import type { PickupShop } from '../pickup-shops.js'
import { listOrNull, presentMoney, presentPrice } from './common.js'

export function presentOption (option: StoredOption, taxKey: 'TaxRate' | 'VatRate'): Record<string, unknown> {
  const service = findService(option.serviceReference)
  const carrier = service === undefined ? undefined : carrierOf(service)
  return {
    Reference: option.reference,
    EstimatedDeliveryDate: { Date: midnight(option.deliveryDate), Guaranteed: option.guaranteed, DayOfWeek: dayName(option.deliveryDate) },
    DeliveryWindow: { Start: option.window.start, End: option.window.end, UtcOffset: londonOffsetOn(option.deliveryDate) },
    Carrier: carrier?.name ?? null,
    CarrierService: service?.name ?? null,
    CarrierServiceReference: option.serviceReference,
    CarrierServiceTypes: listOrNull(service?.serviceTypes ?? []),
    Price: presentPrice(option.price, taxKey),
    AllocationCutOff: formatLondon(option.allocationCutOff),
    OperationalCutOff: formatLondon(option.operationalCutOff),
    ServiceDirection: 'Inbound, Outbound'
  }
}

/** `GET /deliveryoptions/details/{ref}`: the option with the request it was made for. */
export function presentOptionDetails (option: StoredOption, request: OptionRequest, customerGuid: string): Record<string, unknown> {
  const { shipment } = request
  const currency = shipment.packages[0]?.currency ?? 'GBP'
  return {
    Reference: null,
    ConsignmentDetail: {
      Reference: request.reference,
      CustomerReference: customerGuid,
      Weight: { Kg: Math.round(totalWeightKg(shipment) * 1000) / 1000 },
      Value: presentMoney(shipment.packages.reduce((sum, pkg) => sum + pkg.value, 0), currency),
      CustomsDocumentation: shipment.customs,
      DateCreated: formatUtc(request.createdAt),
      ShippingDate: shipment.shippingDate === null ? null : midnight(shipment.shippingDate),
      RequestedDeliveryDate: null,
      EarliestDeliveryDate: null,
      LatestDeliveryDate: null,
      ConsignmentReferenceProvidedByCustomer: shipment.customerReference ?? '',
      Addresses: shipment.addresses
    },
    DeliveryOption: presentOption(option, 'VatRate')
  }
}

export function presentPickupLocation (shop: PickupShop, options: StoredOption[], utcOffset: string): Record<string, unknown> {
  const { AddressLine1, AddressLine2, AddressLine3, Town, Region, Postcode, Country, RegionCode, LatLong, IsCached } = shop.address
  return {
    Name: shop.name,
    ShopReference: shop.reference,
    Address: { AddressLine1, AddressLine2, AddressLine3, Town, Region, Postcode, Country, RegionCode, LatLong, IsCached },
    LatLong: shop.address.LatLong,
    Distance: shop.distanceKm,
    OpeningTimes: Object.fromEntries(Object.entries(shop.openingTimes).map(([day, windows]) =>
      [day, listOrNull(windows.map(window => ({ Start: window.start, End: window.end, UtcOffset: utcOffset })))])),
    DeliveryOptions: listOrNull(options.map(option => presentOption(option, 'VatRate'))),
    Reservation: { IsReservationRequired: false, ExpiryDate: null },
    AdditionalInformation: [{ Key: 'Language', Value: 'en' }, { Key: 'DisabledAccess', Value: shop.disabledAccess ? 'True' : 'False' }]
  }
}
