import { createHash } from 'node:crypto'
import { AppError, type FieldError } from '../../errors.js'
import type { Address } from '../../schemas/common.js'
import type { BasketItem, OptionsRequest } from '../../schemas/checkout-options.js'
import type { DeliveryOptionsRequest, PickupOptionsRequest } from '../pro/schemas/options.js'
import type { AddressInput, ItemInput } from '../pro/schemas/shipment.js'
import { canonicalJson } from './canonical-json.js'
import { proAddressFields, withoutUndefined } from '../pro-mapping/address.js'
import { checkoutCustoms, type CustomsDefaults } from '../pro-mapping/customs.js'
import { parcelFields, type DefaultParcel } from '../pro-mapping/parcel.js'

export const DEFAULT_PICKUP_RADIUS_KM = 5
export const DEFAULT_MAX_PICKUP_POINTS = 10

export type OptionKindName = 'delivery' | 'pickup'

/**
 * An options request in one canonical form: strings trimmed, items sorted, defaults filled in,
 * the origin warehouse chosen. Identical baskets give identical values (and so one cache key),
 * and this is what an offer records as the request it was priced for.
 */
export interface NormalisedOptionsRequest {
  items: BasketItem[]
  destination: Address
  /** PRO shipping location reference the whole basket is quoted from. */
  origin: string
  deliveryDateFrom?: string
  deliveryDateTo?: string
  guaranteedOnly: boolean
  include: OptionKindName[]
  /** Present only when pickup options were asked for. */
  pickup?: { radiusKm: number, maxResults: number }
}

/** What PRO needs that the storefront need not send (DEFAULT_PARCEL, DEFAULT_CONTACT_TITLE, ORIGIN_COUNTRY, CUSTOMS_*). */
export interface RequestDefaults {
  parcel: DefaultParcel
  contactTitle: string
  /** The country of every shipping location: a destination elsewhere needs customs data. */
  originCountry: string
  customs: CustomsDefaults
}

/** Per item, what PRO refuses an export without (PRO-API.md §5; docs/pipeline.md). */
const ITEM_CUSTOMS_FIELDS = ['countryOfOrigin', 'hsCode', 'description'] as const

const KIND_ORDER: OptionKindName[] = ['delivery', 'pickup']

/** An optional string trimmed; blank counts as absent. */
function trimmed (value: string | undefined): string | undefined {
  const text = value?.trim()
  return text === '' ? undefined : text
}

function normaliseItem (item: BasketItem): BasketItem {
  return withoutUndefined({
    ...item,
    sku: item.sku.trim(),
    description: trimmed(item.description),
    hsCode: trimmed(item.hsCode),
    shippingLocation: trimmed(item.shippingLocation)
  })
}

function normaliseDestination (address: Address): Address {
  return withoutUndefined({
    ...address,
    title: trimmed(address.title),
    name: address.name.trim(),
    email: trimmed(address.email),
    phone: trimmed(address.phone),
    company: trimmed(address.company),
    addressLines: address.addressLines.map((line) => line.trim()).filter((line) => line !== ''),
    town: address.town.trim(),
    region: trimmed(address.region),
    postcode: address.postcode.trim().toUpperCase().replace(/\s+/g, ' '),
    instructions: trimmed(address.instructions)
  })
}

/** The basket's warehouse when every item names the same one, else the default location. */
export function chooseOrigin (items: readonly BasketItem[], defaultShippingLocation: string): string {
  const first = items[0]?.shippingLocation
  const allAgree = first !== undefined && items.every((item) => item.shippingLocation === first)
  return allAgree ? first : defaultShippingLocation
}

/**
 * Fields the schema lets through but that cannot be used: blank after trimming, mixed currencies,
 * reversed dates, and for a destination abroad the customs data of each item.
 */
function unusableFields (raw: OptionsRequest, originCountry: string): FieldError[] {
  const errors: FieldError[] = []
  const blank = (field: string) => errors.push({ field, message: 'must not be blank' })
  raw.items.forEach((item, index) => { if (item.sku.trim() === '') blank(`/body/items/${index}/sku`) })
  const { destination } = raw
  if (destination.name.trim() === '') blank('/body/destination/name')
  if (destination.addressLines.every((line) => line.trim() === '')) blank('/body/destination/addressLines')
  if (destination.town.trim() === '') blank('/body/destination/town')
  if (destination.postcode.trim() === '') blank('/body/destination/postcode')
  const currency = raw.items[0]?.unitPrice.currency
  raw.items.forEach((item, index) => {
    if (item.unitPrice.currency !== currency) {
      errors.push({ field: `/body/items/${index}/unitPrice/currency`, message: 'all items must be priced in one currency' })
    }
  })
  if (raw.deliveryDateFrom !== undefined && raw.deliveryDateTo !== undefined && raw.deliveryDateFrom > raw.deliveryDateTo) {
    errors.push({ field: '/body/deliveryDateTo', message: 'must not be before deliveryDateFrom' })
  }
  if (destination.countryCode !== originCountry) {
    raw.items.forEach((item, index) => {
      for (const field of ITEM_CUSTOMS_FIELDS) {
        if (trimmed(item[field]) === undefined) errors.push({ field: `/body/items/${index}/${field}`, message: `is required for delivery outside ${originCountry}` })
      }
    })
  }
  return errors
}

function compareItems (a: BasketItem, b: BasketItem): number {
  if (a.sku !== b.sku) return a.sku < b.sku ? -1 : 1
  const [left, right] = [canonicalJson(a), canonicalJson(b)]
  return left < right ? -1 : left > right ? 1 : 0
}

/** Basket items in their canonical form and order: what an offer records and a confirm is compared with. */
export function normaliseItems (items: readonly BasketItem[]): BasketItem[] {
  return items.map(normaliseItem).sort(compareItems)
}

/** Throws a VALIDATION_FAILED AppError naming each field that the schema lets through but is unusable. */
export function normaliseOptionsRequest (raw: OptionsRequest, defaultShippingLocation: string, originCountry: string): NormalisedOptionsRequest {
  const errors = unusableFields(raw, originCountry)
  if (errors.length > 0) throw new AppError('VALIDATION_FAILED', { errors })
  const items = normaliseItems(raw.items)
  const include = KIND_ORDER.filter((kind) => (raw.include ?? ['delivery']).includes(kind))
  return withoutUndefined({
    items,
    destination: normaliseDestination(raw.destination),
    origin: chooseOrigin(items, defaultShippingLocation),
    deliveryDateFrom: raw.deliveryDateFrom,
    deliveryDateTo: raw.deliveryDateTo,
    guaranteedOnly: raw.guaranteedOnly ?? false,
    include,
    pickup: include.includes('pickup')
      ? { radiusKm: raw.pickupRadiusKm ?? DEFAULT_PICKUP_RADIUS_KM, maxResults: raw.maxPickupPoints ?? DEFAULT_MAX_PICKUP_POINTS }
      : undefined
  })
}

/** The cache and offer key of a normalised request: sha256 of its canonical JSON, hex. */
export function requestKey (request: NormalisedOptionsRequest): string {
  return createHash('sha256').update(canonicalJson(request)).digest('hex')
}

function itemInput (item: BasketItem): ItemInput {
  return withoutUndefined({
    Sku: item.sku,
    Quantity: item.quantity,
    Description: item.description,
    Weight: item.weightKg === undefined ? undefined : { Value: item.weightKg, Unit: 'Kg' },
    Dimensions: item.dimensionsCm === undefined
      ? undefined
      : { Unit: 'Cm', Length: item.dimensionsCm.length, Width: item.dimensionsCm.width, Height: item.dimensionsCm.height },
    Value: { Amount: Number(item.unitPrice.amount), Currency: { IsoCode: item.unitPrice.currency } },
    CountryOfOrigin: item.countryOfOrigin === undefined ? undefined : { IsoCode: { TwoLetterCode: item.countryOfOrigin } },
    HarmonisationCode: item.hsCode
  })
}

function destinationInput (address: Address, contactTitle: string): AddressInput {
  return { AddressType: 'Destination', ...proAddressFields(address, contactTitle) }
}

/**
 * PRO `POST /deliveryoptions`: the whole basket as one package from one origin. A basket leaving
 * the origin country is declared on `now`'s UK date; PRO copies the declaration to the order.
 */
export function buildDeliveryOptionsRequest (request: NormalisedOptionsRequest, defaults: RequestDefaults, now: Date): DeliveryOptionsRequest {
  const international = request.destination.countryCode !== defaults.originCountry
  return withoutUndefined({
    Packages: [{ Items: request.items.map(itemInput), ...parcelFields(request.items, defaults.parcel) }],
    Addresses: [{ AddressType: 'Origin', ShippingLocationReference: request.origin }, destinationInput(request.destination, defaults.contactTitle)],
    Direction: 'Outbound',
    GuaranteedOnly: request.guaranteedOnly,
    DeliveryDate: request.deliveryDateTo === undefined ? undefined : `${request.deliveryDateTo}T00:00:00+00:00`,
    CustomsDocumentation: international ? checkoutCustoms(defaults.customs, now) : undefined
  })
}

/** PRO `POST /deliveryoptions/pickupoptions/`: the delivery body plus the search radius and result cap. */
export function buildPickupOptionsRequest (request: NormalisedOptionsRequest, defaults: RequestDefaults, now: Date): PickupOptionsRequest {
  const pickup = request.pickup ?? { radiusKm: DEFAULT_PICKUP_RADIUS_KM, maxResults: DEFAULT_MAX_PICKUP_POINTS }
  return {
    ...buildDeliveryOptionsRequest(request, defaults, now),
    Distance: { Unit: 'Km', Value: pickup.radiusKm },
    MaxResults: pickup.maxResults
  }
}
