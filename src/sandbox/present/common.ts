import { countryName } from '../countries.js'
import type { Item, MetaDataEntry, Package, Price } from '../model.js'

/** Building blocks of PRO's response bodies. */

export interface ApiLink { Rel: string, Href: string }

export function link (rel: string, href: string): ApiLink {
  return { Rel: rel, Href: href }
}

const CURRENCY_NAMES: Record<string, string> = { GBP: 'Pound Sterling', EUR: 'Euro', USD: 'US Dollar' }

export function presentCurrency (isoCode: string): { Name: string, IsoCode: string } {
  return { Name: CURRENCY_NAMES[isoCode] ?? isoCode, IsoCode: isoCode }
}

export function presentMoney (amount: number, currency: string): { Amount: number, Currency: { Name: string, IsoCode: string } } {
  return { Amount: Math.round(amount * 100) / 100, Currency: presentCurrency(currency) }
}

export function presentWeight (kilograms: number): { Value: number, Unit: string } {
  return { Value: Math.round(kilograms * 1000) / 1000, Unit: 'Kg' }
}

/** The tax object is `TaxRate` on delivery options and `VatRate` elsewhere (PRO-API.md §10.6). */
export function presentPrice (price: Price, taxKey: 'TaxRate' | 'VatRate'): Record<string, unknown> {
  return {
    Net: price.net,
    Gross: price.gross,
    [taxKey]: {
      Reference: `GB-${price.rate.toFixed(4)}`,
      CountryIsoCode: 'GB',
      Type: price.rate === 0 ? 'Zero' : 'Standard',
      Rate: price.rate
    },
    VatAmount: price.vat,
    Currency: presentCurrency(price.currency)
  }
}

export function presentItem (item: Item): Record<string, unknown> {
  return {
    Sku: item.sku,
    Reference: item.reference,
    MetaData: item.metaData satisfies MetaDataEntry[],
    Quantity: item.quantity,
    Unit: null,
    Description: item.description,
    Dimensions: item.dimensions,
    Weight: item.weightKg === null ? null : presentWeight(item.weightKg),
    HarmonisationKeyWords: [],
    Model: item.model,
    Value: item.value === null ? null : presentMoney(item.value, item.currency),
    CountryOfOrigin: item.countryOfOrigin === null ? null : { Name: countryName(item.countryOfOrigin), IsoCode: { TwoLetterCode: item.countryOfOrigin } },
    Barcode: null,
    ContentClassification: null,
    ContentClassificationDetails: null,
    ItemReferenceProvidedByCustomer: item.customerReference,
    HarmonisationCode: item.hsCode
  }
}

export function presentPackage (pkg: Package, legs?: unknown[]): Record<string, unknown> {
  return {
    ...(legs === undefined ? {} : { ConsignmentLegs: legs, Charges: [] }),
    Items: pkg.items.map(presentItem),
    Reference: pkg.reference,
    PackageReferenceProvidedByCustomer: pkg.customerReference,
    Weight: presentWeight(pkg.weightKg),
    Dimensions: pkg.dimensions,
    Description: pkg.description,
    Value: presentMoney(pkg.value, pkg.currency),
    PackageSizeReference: pkg.packageSizeReference,
    Barcode: null,
    MetaData: pkg.metaData
  }
}

/** The stricter reading of the docs: PRO sends an empty list as `null` (its examples send null for anything unset). */
export function listOrNull<T> (items: readonly T[]): readonly T[] | null {
  return items.length === 0 ? null : items
}

export function bulkResult (isSuccess: boolean, message: string, reference: string, links: ApiLink[] | null): Record<string, unknown> {
  return { IsSuccess: isSuccess, Message: message, Data: reference, ApiLinks: links }
}
