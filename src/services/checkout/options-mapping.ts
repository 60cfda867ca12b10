import type { Price } from '../../schemas/common.js'
import type { CheckoutOption, OptionsResponse, PickupPoint } from '../../schemas/checkout-options.js'
import { priceTax } from '../pro/prices.js'
import { londonOffsetOf } from '../pro/uk-time.js'
import type { Price as ProPrice } from '../pro/schemas/common.js'
import type {
  DeliveryOption, DeliveryOptionsResponse, OpeningTimes, PickupLocation, PickupOptionsResponse
} from '../pro/schemas/options.js'
import type { OptionKindName } from './options-request.js'

/* Pure mapping of PRO's delivery and pickup option answers to our storefront shapes. */

const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const
const OPENING_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const

/** The calendar date PRO wrote (`2019-06-19T00:00:00+00:00` → `2019-06-19`), never shifted between zones. */
export function calendarDate (value: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(value)
  if (match?.[1] === undefined || Number.isNaN(Date.parse(`${match[1]}T00:00:00Z`))) return undefined
  return match[1]
}

/**
 * The weekday of a calendar date, computed rather than copied: the vendor's own example labels
 * 2019-06-20 a Wednesday (PRO-API.md §10.13).
 */
export function dayOfWeek (date: string): string {
  return DAY_NAMES[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? 'Sunday'
}

/** `HH:mm:ss` (or `H:mm`) → `HH:mm`. */
export function hoursAndMinutes (value: string): string | undefined {
  const match = /^(\d{1,2}):(\d{2})/.exec(value.trim())
  return match === null ? undefined : `${match[1]?.padStart(2, '0')}:${match[2]}`
}

/** `+01:00`, `0:00`, `-0500` → `±HH:mm`; undefined when unreadable. */
export function utcOffset (value: string | null | undefined): string | undefined {
  const match = /^([+-])?(\d{1,2}):?(\d{2})$/.exec(value?.trim() ?? '')
  return match === null ? undefined : `${match[1] ?? '+'}${match[2]?.padStart(2, '0')}:${match[3]}`
}

const INSTANT = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/

/**
 * An instant as ISO 8601 with a `±HH:mm` offset, keeping the wall-clock time and offset PRO wrote;
 * a time written without an offset is UK local time (what PRO means), read in Europe/London.
 */
export function instantWithOffset (value: string): { text: string, offset: string } | undefined {
  const match = INSTANT.exec(value.trim())
  if (match?.[1] === undefined) return undefined
  const local = match[1].length === 16 ? `${match[1]}:00` : match[1]
  const offset = match[2] === undefined ? londonOffsetOf(local) : match[2] === 'Z' ? '+00:00' : utcOffset(match[2])
  const text = `${local}${offset ?? '+00:00'}`
  return Number.isNaN(Date.parse(text)) ? undefined : { text, offset: offset ?? '+00:00' }
}

/** Names as one-line text: the vendor's examples carry no-break spaces inside service names. */
const displayText = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim()

const money = (value: number) => (Math.round(value * 100) / 100).toFixed(2)

/** Net, gross and tax as 2-decimal strings; tax from `TaxAmount`/`VatAmount`, else gross − net. */
export function mapPrice (price: ProPrice): Price {
  const tax = priceTax(price).amount ?? price.Gross - price.Net
  return { net: money(price.Net), gross: money(price.Gross), tax: money(tax), currency: price.Currency.IsoCode }
}

/** One PRO option in our shape, or undefined when it lacks a date, price or cut-off to show. */
export function mapOption (option: DeliveryOption, type: OptionKindName, pickupPointId?: string): CheckoutOption | undefined {
  const date = calendarDate(option.EstimatedDeliveryDate.Date)
  const cutOff = option.AllocationCutOff == null ? undefined : instantWithOffset(option.AllocationCutOff)
  if (date === undefined || cutOff === undefined || option.Price == null) return undefined
  const window = option.DeliveryWindow
  return {
    id: option.Reference,
    type,
    date,
    dayOfWeek: dayOfWeek(date),
    window: {
      start: (window == null ? undefined : hoursAndMinutes(window.Start)) ?? '00:00',
      end: (window == null ? undefined : hoursAndMinutes(window.End)) ?? '23:59',
      // Without an offset of its own, the window is taken to be in the zone the cut-off was written in.
      utcOffset: utcOffset(window?.UtcOffset) ?? cutOff.offset
    },
    guaranteed: option.EstimatedDeliveryDate.Guaranteed ?? false,
    carrier: displayText(option.Carrier),
    service: displayText(option.CarrierService),
    serviceReference: option.CarrierServiceReference ?? '',
    price: mapPrice(option.Price),
    cutOff: cutOff.text,
    ...(pickupPointId === undefined ? {} : { pickupPointId })
  }
}

export function mapOpeningHours (times: OpeningTimes | null | undefined): PickupPoint['openingHours'] {
  if (times == null) return []
  return OPENING_DAYS.flatMap((day) => (times[day] ?? []).flatMap((slot) => {
    const open = hoursAndMinutes(slot.Start)
    const close = hoursAndMinutes(slot.End)
    return open === undefined || close === undefined ? [] : [{ day, open, close }]
  }))
}

/** A pickup location as a pickup point, or undefined when it has no shop reference to select it by. */
export function mapPickupPoint (location: PickupLocation): PickupPoint | undefined {
  if (location.ShopReference == null || location.ShopReference === '') return undefined
  const address = location.Address
  const latLong = address?.LatLong
  return {
    id: location.ShopReference,
    name: displayText(location.Name),
    address: {
      addressLines: [address?.AddressLine1, address?.AddressLine2, address?.AddressLine3]
        .flatMap((line) => (line == null || line.trim() === '' ? [] : [line.trim()])),
      town: displayText(address?.Town),
      postcode: address?.Postcode ?? '',
      countryCode: address?.Country?.IsoCode.TwoLetterCode ?? ''
    },
    ...(latLong == null ? {} : { location: { lat: latLong.Latitude, lng: latLong.Longitude } }),
    // We always ask PRO for the distance in kilometres.
    ...(location.Distance == null ? {} : { distance: { value: location.Distance, unit: 'km' } }),
    openingHours: mapOpeningHours(location.OpeningTimes)
  }
}

function byDateThenPrice (a: CheckoutOption, b: CheckoutOption): number {
  return a.date.localeCompare(b.date) ||
    Number(a.price.gross) - Number(b.price.gross) ||
    a.window.start.localeCompare(b.window.start) ||
    a.id.localeCompare(b.id)
}

/** One calendar entry per date, in date order, each listing its option ids cheapest first. */
export function groupByDay (options: readonly CheckoutOption[]): OptionsResponse['days'] {
  const days = new Map<string, string[]>()
  for (const option of [...options].sort(byDateThenPrice)) {
    days.set(option.date, [...(days.get(option.date) ?? []), option.id])
  }
  return [...days].map(([date, optionIds]) => ({ date, dayOfWeek: dayOfWeek(date), optionIds }))
}

export interface MappingContext {
  now: Date
  include: readonly OptionKindName[]
  deliveryDateFrom?: string
  deliveryDateTo?: string
  pickupRadiusKm?: number
}

function usable (option: CheckoutOption | undefined, context: MappingContext): option is CheckoutOption {
  if (option === undefined || new Date(option.cutOff).getTime() <= context.now.getTime()) return false
  if (context.deliveryDateFrom !== undefined && option.date < context.deliveryDateFrom) return false
  return context.deliveryDateTo === undefined || option.date <= context.deliveryDateTo
}

function emptyReason (context: MappingContext, options: readonly CheckoutOption[], points: readonly PickupPoint[]): string | undefined {
  const wantsPickup = context.include.includes('pickup')
  if (options.length === 0) {
    const kinds = wantsPickup && context.include.includes('delivery') ? 'delivery or pickup' : wantsPickup ? 'pickup' : 'delivery'
    return `no ${kinds} options for this address and basket in the date range`
  }
  if (wantsPickup && points.length === 0) {
    const radius = context.pickupRadiusKm === undefined ? '' : ` within ${context.pickupRadiusKm} km`
    return `no pickup points with options${radius} of this address in the date range`
  }
  return undefined
}

/**
 * Both answers as one response: options past their cut-off or outside the asked date range are
 * dropped, pickup points without a usable option are left out, and ids are unique.
 */
export function mapOptionsResponse (
  delivery: DeliveryOptionsResponse | undefined,
  pickup: PickupOptionsResponse | undefined,
  context: MappingContext
): OptionsResponse {
  const options = new Map<string, CheckoutOption>()
  for (const option of delivery?.DeliveryOptions ?? []) {
    const mapped = mapOption(option, 'delivery')
    if (usable(mapped, context) && !options.has(mapped.id)) options.set(mapped.id, mapped)
  }
  const points: PickupPoint[] = []
  for (const location of pickup?.Locations ?? []) {
    const point = mapPickupPoint(location)
    if (point === undefined || points.some((known) => known.id === point.id)) continue
    const usableOptions = location.DeliveryOptions.map((option) => mapOption(option, 'pickup', point.id))
      .filter((option): option is CheckoutOption => usable(option, context) && !options.has(option.id))
    if (usableOptions.length === 0) continue
    points.push(point)
    for (const option of usableOptions) options.set(option.id, option)
  }
  points.sort((a, b) => (a.distance?.value ?? Number.POSITIVE_INFINITY) - (b.distance?.value ?? Number.POSITIVE_INFINITY))
  const sorted = [...options.values()].sort(byDateThenPrice)
  const reason = emptyReason(context, sorted, points)
  return { options: sorted, days: groupByDay(sorted), pickupPoints: points, ...(reason === undefined ? {} : { reason }) }
}

/** When a cached answer must go: its earliest cut-off (undefined when it has no options). */
export function earliestCutOff (options: readonly CheckoutOption[]): number | undefined {
  const times = options.map((option) => new Date(option.cutOff).getTime())
  return times.length === 0 ? undefined : Math.min(...times)
}
