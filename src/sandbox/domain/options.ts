import { dayName, type IsoDate } from '../calendar.js'
import { findService, SERVICES } from '../catalogue.js'
import type { SandboxContext } from '../context.js'
import { profileOf, totalWeightKg } from '../eligibility.js'
import type { OptionRequest, PickupShopSummary, ShipmentDetails, StoredOption } from '../model.js'
import { addressOfType, shippingLocationReferenceOf } from '../normalise-address.js'
import { generateOptions, type OptionDraft } from '../options-generator.js'
import { shopsNear, toKilometres, type PickupShop } from '../pickup-shops.js'
import { findShippingLocation } from '../shipping-locations.js'

export interface OptionSearch {
  shipment: ShipmentDetails
  lastDeliveryDate: IsoDate | null
  guaranteedOnly: boolean
}

function storedOption (context: SandboxContext, draft: OptionDraft, requestReference: string, shop: PickupShopSummary | null): StoredOption {
  return {
    reference: context.state.references.next('EDO'),
    requestReference,
    serviceReference: draft.service.reference,
    deliveryDate: draft.deliveryDate,
    dispatchDate: draft.dispatchDate,
    window: draft.window,
    guaranteed: draft.service.guaranteed,
    price: draft.price,
    allocationCutOff: draft.allocationCutOff,
    operationalCutOff: draft.operationalCutOff,
    shop,
    orderReferences: []
  }
}

function draftsFor (context: SandboxContext, search: OptionSearch, services = SERVICES.filter(service => service.scope !== 'pickup'), shop?: PickupShop): OptionDraft[] {
  const location = findShippingLocation(shippingLocationReferenceOf(search.shipment.addresses) ?? '')
  if (location === undefined) return []
  return generateOptions({
    now: context.now(),
    location,
    services,
    profile: { ...profileOf(search.shipment), toPickupShop: shop !== undefined },
    totalWeightKg: totalWeightKg(search.shipment),
    earliestDispatch: search.shipment.shippingDate,
    lastDeliveryDate: search.lastDeliveryDate,
    guaranteedOnly: search.guaranteedOnly,
    ...(shop === undefined ? {} : { windowOn: (date: IsoDate) => shop.openingTimes[dayName(date)][0] ?? null })
  })
}

function newRequest (context: SandboxContext, shipment: ShipmentDetails): OptionRequest {
  return { reference: context.state.references.next('EPC'), createdAt: context.now(), shipment }
}

/** Home-delivery options, stored with the request so that selectorder can build the order. */
export function deliveryOptions (context: SandboxContext, search: OptionSearch): StoredOption[] {
  const request = newRequest(context, search.shipment)
  const options = draftsFor(context, search).map(draft => storedOption(context, draft, request.reference, null))
  context.state.storeOptions(request, options)
  return options
}

export interface PickupLocationOptions { shop: PickupShop, options: StoredOption[] }

/** Parcel shops within the distance (at most `maxResults`), each with its own options. */
export function pickupOptions (context: SandboxContext, search: OptionSearch, distance: { value: number, unit: string | undefined }, maxResults: number): PickupLocationOptions[] {
  const destination = addressOfType(search.shipment.addresses, 'Destination')
  if (destination === undefined || destination.Country?.IsoCode.TwoLetterCode !== 'GB') return []
  const maxKm = toKilometres(distance.value, distance.unit)
  const request = newRequest(context, search.shipment)
  const locations = shopsNear(destination).filter(shop => shop.distanceKm <= maxKm).slice(0, maxResults).map(shop => {
    const service = findService(shop.serviceReference)
    const summary: PickupShopSummary = { reference: shop.reference, name: shop.name, address: { ...shop.address, ShopLocationReference: shop.reference } }
    const drafts = service === undefined ? [] : draftsFor(context, search, [service], shop)
    return { shop, options: drafts.map(draft => storedOption(context, draft, request.reference, summary)) }
  })
  context.state.storeOptions(request, locations.flatMap(location => location.options))
  return locations
}
