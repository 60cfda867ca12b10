import type { BasketItem } from '../../schemas/checkout-options.js'
import type { PackageInput } from '../pro/schemas/shipment.js'

/** Weight assumed for one unit of an item sent without `weightKg`: a typical small parcel item. */
export const DEFAULT_UNIT_WEIGHT_KG = 0.5
/** Carriers print the description on labels and customs forms, where room is short. */
export const MAX_DESCRIPTION_LENGTH = 50

/** The parcel assumed when the items do not all have dimensions (DEFAULT_PARCEL). */
export type DefaultParcel =
  | { dimensionsCm: { length: number, width: number, height: number } }
  | { packageSizeReference: string }

/** `30x20x15` (cm) or `size:<PRO PackageSizeReference>`; config validation has checked the form. */
export function parseDefaultParcel (value: string): DefaultParcel {
  if (value.startsWith('size:')) return { packageSizeReference: value.slice('size:'.length) }
  const sides = value.split('x').map(Number)
  const [length = 0, width = 0, height = 0] = sides
  if (sides.length !== 3 || !(length > 0 && width > 0 && height > 0)) throw new RangeError(`default parcel "${value}" is neither LxWxH nor size:<reference>`)
  return { dimensionsCm: { length, width, height } }
}

/** What every package we send carries (PRO-API.md §7.3, add-package): size, weight, description, value. */
export type ParcelFields = Required<Pick<PackageInput, 'Weight' | 'Description' | 'Value'>> & Pick<PackageInput, 'Dimensions' | 'PackageSizeReference'>

type ParcelItem = Pick<BasketItem, 'sku' | 'quantity' | 'description' | 'weightKg' | 'dimensionsCm' | 'unitPrice'>

const MINOR_UNITS = 10_000

/** A decimal string (up to 4 places) as an integer number of 1/10000 units, so sums stay exact. */
function toMinorUnits (amount: string): number {
  return Math.round(Number(amount) * MINOR_UNITS)
}

/** Σ unit price × quantity; the items share one currency (checked when the basket is normalised). */
export function contentsValue (items: readonly ParcelItem[]): { amount: number, currency: string } {
  const total = items.reduce((sum, item) => sum + toMinorUnits(item.unitPrice.amount) * item.quantity, 0)
  return { amount: total / MINOR_UNITS, currency: items[0]?.unitPrice.currency ?? 'GBP' }
}

/** Σ unit weight × quantity, with DEFAULT_UNIT_WEIGHT_KG for items sent without a weight. */
export function totalWeightKg (items: readonly ParcelItem[]): number {
  const grams = items.reduce((sum, item) => sum + Math.round((item.weightKg ?? DEFAULT_UNIT_WEIGHT_KG) * 1000) * item.quantity, 0)
  return grams / 1000
}

/**
 * A rough outer size when every item has dimensions: the items stacked, one on another. PRO and
 * the carriers repack at allocation; this only keeps oversize baskets away from small services.
 */
export function stackedDimensions (items: readonly ParcelItem[]): PackageInput['Dimensions'] {
  const sized = items.flatMap((item) => (item.dimensionsCm === undefined ? [] : [{ ...item.dimensionsCm, quantity: item.quantity }]))
  if (sized.length === 0 || sized.length !== items.length) return undefined
  return {
    Unit: 'Cm',
    Length: Math.max(...sized.map((d) => d.length)),
    Width: Math.max(...sized.map((d) => d.width)),
    Height: sized.reduce((sum, d) => sum + d.height * d.quantity, 0)
  }
}

/** The items' descriptions (their SKUs where they have none), each once, cut to MAX_DESCRIPTION_LENGTH. */
export function parcelDescription (items: readonly ParcelItem[]): string {
  const names = [...new Set(items.map((item) => item.description ?? item.sku))]
  const text = names.join(', ')
  return text.length <= MAX_DESCRIPTION_LENGTH ? text : `${text.slice(0, MAX_DESCRIPTION_LENGTH - 3).trimEnd()}...`
}

/** The package fields for these items: their stacked size when every item has one, else the default parcel. */
export function parcelFields (items: readonly ParcelItem[], defaultParcel: DefaultParcel): ParcelFields {
  const value = contentsValue(items)
  const stacked = stackedDimensions(items)
  const size = stacked !== undefined
    ? { Dimensions: stacked }
    : 'packageSizeReference' in defaultParcel
      ? { PackageSizeReference: defaultParcel.packageSizeReference }
      : { Dimensions: { Unit: 'Cm', Length: defaultParcel.dimensionsCm.length, Width: defaultParcel.dimensionsCm.width, Height: defaultParcel.dimensionsCm.height } }
  return {
    Weight: { Value: totalWeightKg(items), Unit: 'Kg' },
    ...size,
    Description: parcelDescription(items),
    Value: { Amount: value.amount, Currency: { IsoCode: value.currency } }
  }
}
