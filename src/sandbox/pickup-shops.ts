import { createHash } from 'node:crypto'
import { DAY_NAMES, type DayName } from './calendar.js'
import type { LatLong, ProAddress, TimeWindow } from './model.js'

/** Parcel shops generated around a destination: stable for a postcode, spread over a few kilometres. */
export interface PickupShop {
  reference: string
  name: string
  carrierReference: string
  serviceReference: string
  address: ProAddress
  distanceKm: number
  openingTimes: Record<DayName, TimeWindow[]>
  disabledAccess: boolean
}

const SHOP_DISTANCES_KM = [0.15, 0.35, 0.6, 0.9, 1.4, 2.2, 3.5, 5]
const SHOP_NAMES = ['Costcutter', 'Spar', 'Corner Newsagent', 'Co-op Food', 'Londis', 'Premier Stores', 'One Stop', 'Nisa Local']
const STREETS = ['High Street', 'Station Road', 'Church Lane', 'Market Street', 'Victoria Road', 'Park Avenue', 'Mill Lane', 'King Street']
const SHOP_CARRIERS = [
  { carrierReference: 'DPD', serviceReference: 'MPD_DPDPICKUP', prefix: 'GB' },
  { carrierReference: 'EVRI', serviceReference: 'MPD_EVRISHOP', prefix: 'EV' }
]

/** Approximate centres of a few postcode areas, for destinations sent without coordinates. */
const AREA_CENTRES: Record<string, LatLong> = {
  M: { Latitude: 53.4808, Longitude: -2.2426 },
  BS: { Latitude: 51.4545, Longitude: -2.5879 },
  B: { Latitude: 52.4862, Longitude: -1.8904 },
  L: { Latitude: 53.4084, Longitude: -2.9916 },
  LS: { Latitude: 53.8008, Longitude: -1.5491 },
  G: { Latitude: 55.8642, Longitude: -4.2518 },
  EH: { Latitude: 55.9533, Longitude: -3.1883 },
  CF: { Latitude: 51.4816, Longitude: -3.1791 },
  LONDON: { Latitude: 51.5072, Longitude: -0.1276 }
}
const LONDON_AREAS = new Set(['E', 'EC', 'N', 'NW', 'SE', 'SW', 'W', 'WC'])

function centreOf (destination: ProAddress): LatLong {
  if (destination.LatLong !== null) return destination.LatLong
  const area = /^[A-Z]+/.exec(destination.Postcode.toUpperCase())?.[0] ?? ''
  return AREA_CENTRES[LONDON_AREAS.has(area) ? 'LONDON' : area] ?? AREA_CENTRES.B ?? { Latitude: 52.4862, Longitude: -1.8904 }
}

function openingTimes (pattern: number): Record<DayName, TimeWindow[]> {
  const weekday = pattern % 2 === 0 ? { start: '07:00:00', end: '22:00:00' } : { start: '09:00:00', end: '17:30:00' }
  const saturday = pattern % 3 === 2 ? [] : [{ start: '08:00:00', end: '18:00:00' }]
  const sunday = pattern % 2 === 0 ? [{ start: '10:00:00', end: '16:00:00' }] : []
  return Object.fromEntries(DAY_NAMES.map(day => {
    if (day === 'Saturday') return [day, saturday]
    if (day === 'Sunday') return [day, sunday]
    return [day, [weekday]]
  })) as Record<DayName, TimeWindow[]>
}

export function shopsNear (destination: ProAddress): PickupShop[] {
  const postcode = destination.Postcode.toUpperCase().replace(/\s+/g, '')
  const seed = createHash('sha256').update(postcode).digest()
  const centre = centreOf(destination)
  return SHOP_DISTANCES_KM.map((distanceKm, index) => {
    const byte = seed[index] ?? index
    const carrier = SHOP_CARRIERS[index % SHOP_CARRIERS.length] ?? { carrierReference: 'DPD', serviceReference: 'MPD_DPDPICKUP', prefix: 'GB' }
    const bearing = (byte / 256) * 2 * Math.PI
    const latitude = centre.Latitude + (distanceKm / 111.32) * Math.cos(bearing)
    const longitude = centre.Longitude + (distanceKm / (111.32 * Math.cos(centre.Latitude * Math.PI / 180))) * Math.sin(bearing)
    const name = SHOP_NAMES[(byte + index) % SHOP_NAMES.length] ?? 'Parcel Shop'
    return {
      reference: `${carrier.prefix}${String(seed.readUInt16BE(index * 2) % 90000 + 10000)}`,
      name,
      carrierReference: carrier.carrierReference,
      serviceReference: carrier.serviceReference,
      distanceKm,
      disabledAccess: byte % 2 === 0,
      openingTimes: openingTimes(byte),
      address: {
        AddressType: 'Destination',
        ShopLocationReference: null,
        Contact: null,
        CompanyName: name,
        ShippingLocationReference: null,
        CustomerName: null,
        AddressLine1: `${(byte % 180) + 1} ${STREETS[index % STREETS.length] ?? 'High Street'}`,
        AddressLine2: '',
        AddressLine3: '',
        Town: destination.Town ?? '',
        Region: destination.Region ?? '',
        Postcode: destination.Postcode,
        Country: { Name: 'United Kingdom', IsoCode: { TwoLetterCode: 'GB' } },
        RegionCode: '',
        SpecialInstructions: null,
        LatLong: { Latitude: Math.round(latitude * 1e6) / 1e6, Longitude: Math.round(longitude * 1e6) / 1e6 },
        IsCached: false
      }
    }
  })
}

/** Distances in a request may be in miles; shops are measured in kilometres. */
export function toKilometres (value: number, unit: string | undefined): number {
  return /^mi/i.test(unit ?? '') ? value * 1.609344 : value
}
