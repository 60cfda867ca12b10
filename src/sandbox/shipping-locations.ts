import type { ProAddress } from './model.js'

/** The account's warehouses, each with the time its carriers collect (UK local time). */
export interface ShippingLocation {
  reference: string
  name: string
  /** Last moment to allocate for today's collection, `HH:mm`. */
  collectionCutOff: string
  /** When the warehouse stops picking for today's collection, `HH:mm`. */
  operationalCutOff: string
  address: ProAddress
}

function warehouse (reference: string, name: string, cutOffs: [string, string], lines: [string, string, string], town: string, postcode: string, latLong: [number, number]): ShippingLocation {
  return {
    reference,
    name,
    collectionCutOff: cutOffs[0],
    operationalCutOff: cutOffs[1],
    address: {
      AddressType: 'Origin',
      ShopLocationReference: null,
      Contact: { Reference: null, Title: '', FirstName: 'Dispatch', LastName: 'Team', Position: null, Telephone: '0161 496 0000', Mobile: '', LandLine: '', Email: `dispatch.${reference.toLowerCase()}@example.com` },
      CompanyName: name,
      ShippingLocationReference: reference,
      CustomerName: null,
      AddressLine1: lines[0],
      AddressLine2: lines[1],
      AddressLine3: lines[2],
      Town: town,
      Region: '',
      Postcode: postcode,
      Country: { Name: 'United Kingdom', IsoCode: { TwoLetterCode: 'GB' } },
      RegionCode: '',
      SpecialInstructions: '',
      LatLong: { Latitude: latLong[0], Longitude: latLong[1] },
      IsCached: false
    }
  }
}

export const SHIPPING_LOCATIONS: readonly ShippingLocation[] = [
  warehouse('EDC5_Electio', 'Electio Manchester DC', ['17:00', '16:30'], ['Third Floor', 'Merchant Exchange', 'Whitworth Street West'], 'Manchester', 'M1 5WG', [53.4743, -2.2413]),
  warehouse('WH_BRISTOL', 'Bristol Warehouse', ['15:30', '15:00'], ['Unit 4', 'Avonmouth Distribution Park', 'Kings Weston Lane'], 'Bristol', 'BS11 9YA', [51.5036, -2.6847]),
  warehouse('Sorted1', 'Sorted Head Office', ['16:00', '15:30'], ['Third Floor', 'Merchant Exchange', 'Whitworth Street West'], 'Manchester', 'M1 5WG', [53.4743, -2.2413])
]

export function findShippingLocation (reference: string): ShippingLocation | undefined {
  return SHIPPING_LOCATIONS.find(location => location.reference.toLowerCase() === reference.toLowerCase())
}
