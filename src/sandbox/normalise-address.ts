import { countryName } from './countries.js'
import { invalidField } from './errors.js'
import type { ProAddress, ProContact } from './model.js'
import type { AddressInput } from './schemas.js'
import { findShippingLocation } from './shipping-locations.js'

function addressType (value: string): string {
  const lower = value.toLowerCase()
  return lower === 'origin' ? 'Origin' : lower === 'destination' ? 'Destination' : value
}

function contactOf (input: AddressInput['Contact']): ProContact | null {
  if (input == null) return null
  return {
    Reference: null,
    Title: input.Title ?? '',
    FirstName: input.FirstName ?? '',
    LastName: input.LastName ?? '',
    Position: null,
    Telephone: input.Telephone ?? '',
    Mobile: input.Mobile ?? '',
    LandLine: input.LandLine ?? '',
    Email: input.Email ?? ''
  }
}

function freeTextAddress (input: AddressInput, target: string): ProAddress {
  const code = input.Country?.IsoCode.TwoLetterCode.toUpperCase()
  if (code === undefined) throw invalidField('ValidationFailed', `${target}.Country`, `${target}.Country is required for an address without a ShippingLocationReference.`)
  const postcode = input.Postcode ?? ''
  if (code === 'GB' && postcode.trim() === '') throw invalidField('ValidationFailed', `${target}.Postcode`, `${target}.Postcode is required for a UK address.`)
  return {
    AddressType: addressType(input.AddressType),
    ShopLocationReference: null,
    Contact: contactOf(input.Contact),
    CompanyName: input.CompanyName ?? null,
    ShippingLocationReference: null,
    CustomerName: null,
    AddressLine1: input.AddressLine1 ?? null,
    AddressLine2: input.AddressLine2 ?? null,
    AddressLine3: input.AddressLine3 ?? null,
    Town: input.Town ?? null,
    Region: input.Region ?? null,
    Postcode: postcode,
    Country: { Name: input.Country?.Name ?? countryName(code), IsoCode: { TwoLetterCode: code } },
    RegionCode: input.RegionCode ?? '',
    SpecialInstructions: input.SpecialInstructions ?? null,
    LatLong: input.LatLong ?? null,
    IsCached: input.IsCached ?? false
  }
}

/** Resolves one address: a shipping location reference expands to the location's address. */
export function normaliseAddress (input: AddressInput, target: string): ProAddress {
  const locationReference = input.ShippingLocationReference ?? ''
  if (locationReference === '') return freeTextAddress(input, target)
  const location = findShippingLocation(locationReference)
  if (location === undefined) {
    throw invalidField('ShippingLocationNotFound', `${target}.ShippingLocationReference`, `Shipping location ${locationReference} does not exist.`)
  }
  return { ...location.address, AddressType: addressType(input.AddressType), Contact: contactOf(input.Contact) ?? location.address.Contact }
}

/**
 * PRO needs an origin and a destination, and at least one of them must be one of the account's
 * shipping locations (PRO-API.md §5).
 */
export function normaliseAddresses (inputs: readonly AddressInput[], target = 'Addresses'): ProAddress[] {
  const addresses = inputs.map((input, index) => normaliseAddress(input, `${target}[${index}]`))
  const origin = addresses.find(address => address.AddressType === 'Origin')
  const destination = addresses.find(address => address.AddressType === 'Destination')
  if (origin === undefined || destination === undefined) {
    throw invalidField('AddressRequired', target, 'An Origin and a Destination address are both required.')
  }
  if (origin.ShippingLocationReference === null && destination.ShippingLocationReference === null) {
    throw invalidField('ShippingLocationRequired', target, 'The origin or the destination must carry a ShippingLocationReference.')
  }
  return addresses
}

export function addressOfType (addresses: readonly ProAddress[], type: 'Origin' | 'Destination'): ProAddress | undefined {
  return addresses.find(address => address.AddressType === type)
}

/** The warehouse a shipment leaves from (or, for returns, goes back to). */
export function shippingLocationReferenceOf (addresses: readonly ProAddress[]): string | null {
  return addressOfType(addresses, 'Origin')?.ShippingLocationReference ?? addressOfType(addresses, 'Destination')?.ShippingLocationReference ?? null
}
