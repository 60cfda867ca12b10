import { londonDate, type IsoDate } from './calendar.js'
import { findPackageSize } from './catalogue.js'
import { requireCustomsData } from './customs-rules.js'
import { invalidField } from './errors.js'
import type { Dimensions, Item, MetaDataEntry, Package, ShipmentDetails } from './model.js'
import { normaliseAddresses } from './normalise-address.js'
import type { ReferenceGenerator } from './references.js'
import type { ConsignmentBody, ItemInput, PackageInput } from './schemas.js'

const KG_PER_UNIT: Record<string, number> = { kg: 1, kgs: 1, g: 0.001, lb: 0.45359237, lbs: 0.45359237, oz: 0.028349523 }

export function kilograms (weight: { Value: number, Unit?: string | null }, target: string): number {
  const factor = KG_PER_UNIT[(weight.Unit ?? 'kg').toLowerCase()]
  if (factor === undefined) throw invalidField('ValidationFailed', `${target}.Unit`, `Unknown weight unit ${weight.Unit ?? ''}.`)
  return weight.Value * factor
}

/** A PRO date-time (or plain date) as the UK calendar day it falls on. */
export function calendarDay (value: string, target: string): IsoDate {
  const instant = Date.parse(value)
  if (Number.isNaN(instant)) throw invalidField('ValidationFailed', target, `${target} is not a valid date.`)
  return londonDate(new Date(instant))
}

function dimensionsOf (input: { Unit?: string | null, Width: number, Length: number, Height: number } | null | undefined): Dimensions | null {
  return input == null ? null : { Unit: input.Unit ?? 'Cm', Width: input.Width, Length: input.Length, Height: input.Height }
}

export function normaliseItem (input: ItemInput, target: string, references: ReferenceGenerator): Item {
  return {
    reference: references.hex32(),
    sku: input.Sku ?? null,
    model: input.Model ?? null,
    description: input.Description ?? null,
    quantity: input.Quantity ?? 1,
    weightKg: input.Weight == null ? null : kilograms(input.Weight, `${target}.Weight`),
    dimensions: dimensionsOf(input.Dimensions),
    value: input.Value?.Amount ?? null,
    currency: input.Value?.Currency?.IsoCode.toUpperCase() ?? 'GBP',
    countryOfOrigin: input.CountryOfOrigin?.IsoCode?.TwoLetterCode ?? null,
    hsCode: input.HarmonisationCode ?? null,
    customerReference: input.ItemReferenceProvidedByCustomer ?? '',
    metaData: (input.MetaData ?? []) as MetaDataEntry[]
  }
}

/** The package fields a pack, an options request and a consignment share. */
export type ParcelInput = Pick<PackageInput, 'Weight' | 'Dimensions' | 'PackageSizeReference' | 'Description' | 'Value'>

function missingField (target: string, message: string): never {
  throw invalidField('ValidationFailed', target, message)
}

/**
 * PRO-API.md §7.3 and the add-package page make weight + dimensions (or a PackageSizeReference),
 * a description and a value mandatory for a package; every documented request carries them. The
 * simulator takes that strict reading on every endpoint that takes packages.
 */
export function parcelOf (input: ParcelInput, target: string): Pick<Package, 'weightKg' | 'dimensions' | 'packageSizeReference' | 'description' | 'value' | 'currency'> {
  const sizeReference = input.PackageSizeReference ?? ''
  let weightKg: number
  if (sizeReference !== '') {
    const size = findPackageSize(sizeReference)
    if (size === undefined) throw invalidField('PackageSizeNotFound', `${target}.PackageSizeReference`, `Package size ${sizeReference} does not exist.`)
    weightKg = input.Weight == null ? size.weightKg : kilograms(input.Weight, `${target}.Weight`)
  } else {
    if (input.Weight == null) missingField(`${target}.Weight`, `${target} needs a Weight and Dimensions, or a PackageSizeReference.`)
    if (input.Dimensions == null) missingField(`${target}.Dimensions`, `${target} needs Dimensions with its Weight, or a PackageSizeReference.`)
    weightKg = kilograms(input.Weight, `${target}.Weight`)
  }
  const description = input.Description?.trim() ?? ''
  if (description === '') missingField(`${target}.Description`, `${target}.Description is required.`)
  if (input.Value == null) missingField(`${target}.Value`, `${target}.Value is required.`)
  return {
    weightKg,
    dimensions: dimensionsOf(input.Dimensions),
    packageSizeReference: sizeReference === '' ? null : sizeReference,
    description,
    value: input.Value.Amount,
    currency: input.Value.Currency?.IsoCode.toUpperCase() ?? 'GBP'
  }
}

export function normalisePackage (input: PackageInput, target: string, references: ReferenceGenerator): Package {
  const items = (input.Items ?? []).map((item, index) => normaliseItem(item, `${target}.Items[${index}]`, references))
  return {
    reference: references.next('EP'),
    customerReference: input.PackageReferenceProvidedByCustomer ?? '',
    ...parcelOf(input, target),
    items,
    metaData: (input.MetaData ?? []) as MetaDataEntry[]
  }
}

/** Everything a consignment-shaped request body says, validated against the catalogue and the customs rules. */
export function normaliseShipment (body: ConsignmentBody, references: ReferenceGenerator): ShipmentDetails {
  const addresses = normaliseAddresses(body.Addresses)
  const packages = body.Packages.map((pkg, index) => normalisePackage(pkg, `Packages[${index}]`, references))
  requireCustomsData(addresses, packages, body.CustomsDocumentation)
  const requested = body.RequestedDeliveryDate
  return {
    customerReference: body.ConsignmentReferenceProvidedByCustomer ?? null,
    shippingDate: body.ShippingDate == null ? null : calendarDay(body.ShippingDate, 'ShippingDate'),
    requestedDeliveryDate: requested == null
      ? null
      : { date: calendarDay(requested.Date, 'RequestedDeliveryDate.Date'), exact: requested.IsToBeExactlyOnTheDateSpecified ?? false },
    addresses,
    packages,
    metaData: (body.MetaData ?? []) as MetaDataEntry[],
    customs: body.CustomsDocumentation ?? null,
    direction: body.Direction ?? 'Outbound',
    source: body.Source ?? 'Api',
    tags: body.Tags ?? []
  }
}
