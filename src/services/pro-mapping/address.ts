import type { Address } from '../../schemas/common.js'
import type { AddressInput } from '../pro/schemas/shipment.js'

/** A copy of `value` without its undefined members (PRO reads absent and null differently). */
export function withoutUndefined<T extends object> (value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

type ContactSource = Pick<Partial<Address>, 'title' | 'name' | 'phone' | 'email'>

/**
 * "Ada King Lovelace" → first name "Ada", last name "King Lovelace". PRO's contact has a Title
 * (required by the SDK, in every documented request); storefronts rarely ask for one, so the
 * configured default stands in.
 */
export function proContact (address: ContactSource, defaultTitle: string): AddressInput['Contact'] {
  const name = address.name?.trim() ?? ''
  const space = name.indexOf(' ')
  return withoutUndefined({
    Title: address.title ?? defaultTitle,
    FirstName: space < 0 ? name || undefined : name.slice(0, space),
    LastName: space < 0 ? undefined : name.slice(space + 1).trim(),
    Telephone: address.phone,
    Email: address.email
  })
}

/** Our address as PRO address fields (without `AddressType`). */
export function proAddressFields (address: Partial<Address>, defaultTitle: string): Omit<AddressInput, 'AddressType'> {
  const [line1, line2, line3] = address.addressLines ?? []
  return withoutUndefined({
    Contact: proContact(address, defaultTitle),
    CompanyName: address.company,
    AddressLine1: line1,
    AddressLine2: line2,
    AddressLine3: line3,
    Town: address.town,
    Region: address.region,
    Postcode: address.postcode,
    Country: address.countryCode === undefined ? undefined : { IsoCode: { TwoLetterCode: address.countryCode } },
    SpecialInstructions: address.instructions
  })
}
