import type { FieldError } from '../../errors.js'
import type { CreateConsignment, Origin } from '../../schemas/consignments.js'
import type { CreateConsignmentRequest } from '../pro/schemas/consignments.js'
import type { AddressInput, ItemInput, PackageInput } from '../pro/schemas/shipment.js'
import type { MetaData } from '../pro/schemas/common.js'
import { proAddressFields, withoutUndefined } from '../pro-mapping/address.js'
import { customsDocumentation } from '../pro-mapping/customs.js'

/* Pure rules and mapping of a staff consignment request (our camelCase shape → PRO's Create Consignment). */

/** A sender address needs these; PRO's Create Consignment contact requires an email (PRO-API.md §7.3, SDK). */
const ADDRESS_FIELDS = ['name', 'email', 'addressLines', 'town', 'postcode', 'countryCode'] as const
const OPTIONAL_ADDRESS_FIELDS = ['title', 'phone', 'company', 'region'] as const
const CUSTOMS_REQUIRED = ['category', 'reasonForExport', 'shippingTerms', 'invoiceDate'] as const
const ITEM_CUSTOMS_REQUIRED = ['countryOfOrigin', 'hsCode', 'value'] as const

/** Whether the origin carries a sender address besides its shipping location. */
export function hasAddress (origin: Origin): boolean {
  return [...ADDRESS_FIELDS, ...OPTIONAL_ADDRESS_FIELDS].some((field) => origin[field] !== undefined)
}

/** The country the consignment leaves: its sender address's, else that of the merchant's shipping locations. */
export function originCountry (origin: Origin, shippingLocationsCountry: string): string {
  return origin.countryCode ?? shippingLocationsCountry
}

export function isInternational (request: CreateConsignment, shippingLocationsCountry: string): boolean {
  return originCountry(request.origin, shippingLocationsCountry) !== request.destination.countryCode
}

const missing = (field: string): FieldError => ({ field, message: 'is required' })

/**
 * What the schema cannot say: a sender address is complete or absent, and an international
 * consignment carries the customs data PRO prints on its declarations. Each missing field is named.
 */
export function requestProblems (request: CreateConsignment, international: boolean): FieldError[] {
  const problems: FieldError[] = []
  if (hasAddress(request.origin)) {
    for (const field of ADDRESS_FIELDS) {
      if (request.origin[field] === undefined) problems.push(missing(`/body/origin/${field}`))
    }
  }
  if (!international) return problems
  for (const field of CUSTOMS_REQUIRED) {
    if (request.customs?.[field] === undefined) problems.push(missing(`/body/customs/${field}`))
  }
  request.packages.forEach((pkg, p) => {
    if ((pkg.items ?? []).length === 0) problems.push({ field: `/body/packages/${p}/items`, message: 'must list the contents of an international package' })
    pkg.items?.forEach((item, i) => {
      for (const field of ITEM_CUSTOMS_REQUIRED) {
        if (item[field] === undefined) problems.push(missing(`/body/packages/${p}/items/${i}/${field}`))
      }
    })
  })
  return problems
}

function originInput (origin: Origin, contactTitle: string): AddressInput {
  const location = { AddressType: 'Origin', ShippingLocationReference: origin.shippingLocation }
  return hasAddress(origin) ? { ...location, ...proAddressFields(origin, contactTitle) } : location
}

const money = (value: { amount: string, currency: string }) => ({ Amount: Number(value.amount), Currency: { IsoCode: value.currency } })

function itemInput (item: NonNullable<CreateConsignment['packages'][number]['items']>[number]): ItemInput {
  return withoutUndefined({
    Sku: item.sku,
    Quantity: item.quantity,
    Description: item.description,
    Value: item.value === undefined ? undefined : money(item.value),
    Weight: item.weightKg === undefined ? undefined : { Value: item.weightKg, Unit: 'Kg' },
    CountryOfOrigin: item.countryOfOrigin === undefined ? undefined : { IsoCode: { TwoLetterCode: item.countryOfOrigin } },
    HarmonisationCode: item.hsCode
  })
}

function packageInput (pkg: CreateConsignment['packages'][number]): PackageInput {
  return withoutUndefined({
    Weight: { Value: pkg.weightKg, Unit: 'Kg' },
    Dimensions: { Unit: 'Cm', Length: pkg.dimensionsCm.length, Width: pkg.dimensionsCm.width, Height: pkg.dimensionsCm.height },
    Value: money(pkg.value),
    Description: pkg.description,
    Items: pkg.items === undefined || pkg.items.length === 0 ? undefined : pkg.items.map(itemInput)
  })
}

const dateTime = (date: string | undefined) => date === undefined ? undefined : `${date}T00:00:00+00:00`

/** Our metadata as PRO string entries; EORI numbers travel as metadata, the way PRO prints them (PRO-API.md §5). */
function metaDataOf (request: CreateConsignment): MetaData | undefined {
  const entries: MetaData = Object.entries(request.metadata ?? {}).map(([KeyValue, StringValue]) => ({ KeyValue, StringValue }))
  if (request.customs?.shipperEori !== undefined) entries.push({ KeyValue: 'ShippersEORI', StringValue: request.customs.shipperEori })
  if (request.customs?.receiverEori !== undefined) entries.push({ KeyValue: 'ReceiversEORI', StringValue: request.customs.receiverEori })
  return entries.length === 0 ? undefined : entries
}

/**
 * PRO `POST /consignments`; our reference travels as `ConsignmentReferenceProvidedByCustomer`, which a
 * retry searches by. `contactTitle` stands in for a title the request does not give.
 */
export function buildCreateRequest (request: CreateConsignment, contactTitle: string): CreateConsignmentRequest {
  return withoutUndefined({
    ConsignmentReferenceProvidedByCustomer: request.reference,
    Source: 'Api',
    Direction: 'Outbound',
    ShippingDate: dateTime(request.shippingDate),
    Addresses: [originInput(request.origin, contactTitle), { AddressType: 'Destination', ...proAddressFields(request.destination, contactTitle) }],
    Packages: request.packages.map(packageInput),
    CustomsDocumentation: request.customs === undefined ? undefined : customsDocumentation(request.customs),
    MetaData: metaDataOf(request),
    Tags: request.tags === undefined || request.tags.length === 0 ? undefined : request.tags
  })
}
