import { londonDate } from '../calendar.js'
import { carrierOf, findService } from '../catalogue.js'
import type { CustomsDocumentData, CustomsDocumentKind, LabelAddress, LabelData } from '../documents/index.js'
import { profileOf } from '../eligibility.js'
import type { Consignment, ProAddress } from '../model.js'
import { requireCustomsData } from '../customs-rules.js'
import { addressOfType } from '../normalise-address.js'
import { toGbp } from '../pricing.js'

/** Above this value (GBP) a CN23 replaces the CN22 (PRO-API.md §7.6). */
const CN22_LIMIT_GBP = 270

function labelAddress (address: ProAddress | undefined): LabelAddress {
  const contactName = [address?.Contact?.FirstName, address?.Contact?.LastName].filter(part => part != null && part !== '').join(' ')
  const company = address?.CompanyName ?? undefined
  return {
    name: contactName !== '' ? contactName : company ?? '',
    ...(company !== undefined && company !== contactName ? { company } : {}),
    lines: [address?.AddressLine1, address?.AddressLine2, address?.AddressLine3].filter((line): line is string => line != null && line !== ''),
    town: address?.Town ?? '',
    postcode: address?.Postcode ?? '',
    countryCode: address?.Country?.IsoCode.TwoLetterCode ?? ''
  }
}

export function labelData (consignment: Consignment): LabelData {
  const { allocation, shipment } = consignment
  const service = allocation === null ? undefined : findService(allocation.serviceReference)
  return {
    consignmentReference: consignment.reference,
    carrierName: service === undefined ? '' : carrierOf(service).name,
    serviceName: service?.name ?? '',
    shipDate: allocation?.collectionDate ?? londonDate(consignment.createdAt),
    from: labelAddress(addressOfType(shipment.addresses, 'Origin')),
    to: labelAddress(addressOfType(shipment.addresses, 'Destination')),
    packages: shipment.packages.map((pkg, index) => ({
      packageReference: pkg.reference,
      trackingNumber: allocation?.trackingNumbers[index] ?? '',
      weightKg: pkg.weightKg
    }))
  }
}

export function crossesBorder (consignment: Consignment): boolean {
  const profile = profileOf(consignment.shipment)
  return profile.originCountry !== profile.destinationCountry
}

function customsString (consignment: Consignment, key: string): string | undefined {
  const value = consignment.shipment.customs?.[key]
  return typeof value === 'string' && value !== '' ? value : undefined
}

/**
 * The documents are made from the consignment's own CustomsDocumentation and item data (for a packed
 * consignment, the order's, which came from the options request); without them PRO could not declare
 * the goods, so it refuses as it refuses such a consignment, naming the missing fields.
 */
export function customsData (consignment: Consignment, now: Date): CustomsDocumentData {
  const { shipment } = consignment
  requireCustomsData(shipment.addresses, shipment.packages, shipment.customs)
  const eori = shipment.metaData.find(entry => entry.KeyValue.toLowerCase() === 'shipperseori')?.StringValue ?? undefined
  const reasonForExport = customsString(consignment, 'ReasonForExport')
  const shippingTerms = customsString(consignment, 'ShippingTerms')
  const dated = customsString(consignment, 'InvoiceDate') ?? customsString(consignment, 'DeclarationDate')
  return {
    consignmentReference: consignment.reference,
    invoiceNumber: `INV-${consignment.reference}`,
    invoiceDate: dated === undefined ? londonDate(now) : londonDate(new Date(dated)),
    currency: shipment.packages[0]?.currency ?? 'GBP',
    from: labelAddress(addressOfType(shipment.addresses, 'Origin')),
    to: labelAddress(addressOfType(shipment.addresses, 'Destination')),
    lines: shipment.packages.flatMap(pkg => pkg.items.map(item => ({
      description: item.description ?? '',
      quantity: item.quantity,
      unitValue: item.value ?? 0,
      weightKg: item.weightKg ?? pkg.weightKg / Math.max(1, item.quantity),
      countryOfOrigin: item.countryOfOrigin ?? '',
      ...(item.hsCode === null ? {} : { hsCode: item.hsCode })
    }))),
    ...(reasonForExport === undefined ? {} : { reasonForExport }),
    ...(shippingTerms === undefined ? {} : { shippingTerms }),
    ...(eori === undefined ? {} : { shipperEori: eori })
  }
}

/** The declaration that goes with the commercial invoice: CN22 up to 270 GBP, CN23 above. */
export function declarationKind (data: CustomsDocumentData): CustomsDocumentKind {
  const total = data.lines.reduce((sum, line) => sum + line.quantity * line.unitValue, 0)
  return toGbp(total, data.currency) <= CN22_LIMIT_GBP ? 'CN22' : 'CN23'
}
