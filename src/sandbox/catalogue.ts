import type { TimeWindow } from './model.js'

/** The carriers, carrier services and service groups of the simulated PRO account. */

export interface Carrier { reference: string, name: string }

export type ServiceScope = 'domestic' | 'international' | 'pickup'

export interface CarrierService {
  reference: string
  name: string
  carrierReference: string
  scope: ServiceScope
  /** Working days from collection to delivery. */
  transitDays: number
  /** `saturday` services deliver only on the Saturday after a Friday collection. */
  deliveryDays: 'weekdays' | 'saturday'
  window: TimeWindow
  guaranteed: boolean
  serviceTypes: string[]
  /** Net GBP: a base price plus a rate per kilogram of the shipment's total weight. */
  basePrice: number
  pricePerKg: number
  maxPackageWeightKg: number
  /** Country codes served by an international service; empty = any foreign country. */
  countries: string[]
  tags: string[]
}

export interface ServiceGroup { reference: string, name: string, serviceReferences: string[] }

export const ALL_DAY: TimeWindow = { start: '00:00:00', end: '23:59:00' }
const AM: TimeWindow = { start: '07:00:00', end: '12:00:00' }
const PM: TimeWindow = { start: '12:00:00', end: '18:00:00' }
const EVENING: TimeWindow = { start: '17:00:00', end: '22:00:00' }

export const CARRIERS: readonly Carrier[] = [
  { reference: 'ROYAL_MAIL', name: 'Royal Mail' },
  { reference: 'DPD', name: 'DPD' },
  { reference: 'EVRI', name: 'Evri' }
]

const EU = ['AT', 'BE', 'DE', 'DK', 'ES', 'FI', 'FR', 'IE', 'IT', 'LU', 'NL', 'PL', 'PT', 'SE']

function service (fields: Partial<CarrierService> & Pick<CarrierService, 'reference' | 'name' | 'carrierReference' | 'basePrice' | 'pricePerKg'>): CarrierService {
  return {
    scope: 'domestic',
    transitDays: 1,
    deliveryDays: 'weekdays',
    window: ALL_DAY,
    guaranteed: true,
    serviceTypes: ['Standard'],
    maxPackageWeightKg: 30,
    countries: [],
    tags: [],
    ...fields
  }
}

export const SERVICES: readonly CarrierService[] = [
  service({ reference: 'MPD_RMT48', name: 'Tracked 48', carrierReference: 'ROYAL_MAIL', transitDays: 2, guaranteed: false, basePrice: 3.2, pricePerKg: 0.4, maxPackageWeightKg: 20 }),
  service({ reference: 'MPD_RMT24', name: 'Tracked 24', carrierReference: 'ROYAL_MAIL', serviceTypes: ['NextDay'], basePrice: 4.6, pricePerKg: 0.5, maxPackageWeightKg: 20 }),
  service({ reference: 'MPD_RMSDAM', name: 'Special Delivery Guaranteed by 12pm', carrierReference: 'ROYAL_MAIL', window: AM, serviceTypes: ['NextDay', 'Timed'], basePrice: 9.5, pricePerKg: 0.6, maxPackageWeightKg: 20, tags: ['HighValue'] }),
  service({ reference: 'MPD_RMINTTRK', name: 'International Tracked', carrierReference: 'ROYAL_MAIL', scope: 'international', transitDays: 4, guaranteed: false, serviceTypes: ['International'], basePrice: 14.5, pricePerKg: 2.5, maxPackageWeightKg: 20 }),
  service({ reference: 'MPD_DPDNEXTDAY', name: 'DPD Next Day', carrierReference: 'DPD', serviceTypes: ['NextDay'], basePrice: 6.2, pricePerKg: 0.35 }),
  service({ reference: 'MPD_DPDAM', name: 'DPD Next Day by 12', carrierReference: 'DPD', window: AM, serviceTypes: ['NextDay', 'Timed'], basePrice: 10.4, pricePerKg: 0.5 }),
  service({ reference: 'MPD_DPDSAT', name: 'DPD Saturday', carrierReference: 'DPD', deliveryDays: 'saturday', serviceTypes: ['Saturday'], basePrice: 12.5, pricePerKg: 0.5 }),
  service({ reference: 'MPD_DPDPICKUP', name: 'DPD Pickup Shop', carrierReference: 'DPD', scope: 'pickup', serviceTypes: ['PickUp'], basePrice: 4.1, pricePerKg: 0.3, maxPackageWeightKg: 20 }),
  service({ reference: 'MPD_DPDCLASSIC', name: 'DPD Classic Europe', carrierReference: 'DPD', scope: 'international', transitDays: 3, serviceTypes: ['International'], basePrice: 16, pricePerKg: 1.8, countries: EU }),
  service({ reference: 'MPD_EVRI48', name: 'Evri Standard 48', carrierReference: 'EVRI', transitDays: 2, guaranteed: false, basePrice: 2.9, pricePerKg: 0.3, maxPackageWeightKg: 15 }),
  service({ reference: 'MPD_EVRINDPM', name: 'Evri Next Day Afternoon', carrierReference: 'EVRI', window: PM, serviceTypes: ['NextDay', 'Timed'], basePrice: 6.9, pricePerKg: 0.5, maxPackageWeightKg: 15 }),
  service({ reference: 'MPD_EVRIEVE', name: 'Evri Next Day Evening', carrierReference: 'EVRI', window: EVENING, serviceTypes: ['NextDay', 'Timed'], basePrice: 7.4, pricePerKg: 0.5, maxPackageWeightKg: 15 }),
  service({ reference: 'MPD_EVRISHOP', name: 'Evri ParcelShop', carrierReference: 'EVRI', scope: 'pickup', transitDays: 2, guaranteed: false, serviceTypes: ['PickUp'], basePrice: 2.6, pricePerKg: 0.25, maxPackageWeightKg: 15 })
]

export const SERVICE_GROUPS: readonly ServiceGroup[] = [
  { reference: 'GRP_NEXTDAY', name: 'Next Day', serviceReferences: ['MPD_RMT24', 'MPD_DPDNEXTDAY'] },
  { reference: 'GRP_ECONOMY', name: 'Economy', serviceReferences: ['MPD_RMT48', 'MPD_EVRI48'] },
  { reference: 'GRP_TIMED', name: 'Timed Delivery', serviceReferences: ['MPD_RMSDAM', 'MPD_DPDAM', 'MPD_EVRINDPM', 'MPD_EVRIEVE'] },
  { reference: 'GRP_INTERNATIONAL', name: 'International', serviceReferences: ['MPD_RMINTTRK', 'MPD_DPDCLASSIC'] }
]

export function findService (reference: string): CarrierService | undefined {
  return SERVICES.find(candidate => candidate.reference.toLowerCase() === reference.toLowerCase())
}

export function findServiceGroup (reference: string): ServiceGroup | undefined {
  return SERVICE_GROUPS.find(group => group.reference.toLowerCase() === reference.toLowerCase())
}

export function carrierOf (service: CarrierService): Carrier {
  return CARRIERS.find(carrier => carrier.reference === service.carrierReference) ?? { reference: service.carrierReference, name: service.carrierReference }
}

export function isTimed (service: CarrierService): boolean {
  return service.window.start !== ALL_DAY.start || service.window.end !== ALL_DAY.end
}

export interface PackageSize { reference: string, weightKg: number, dimensionsCm: [number, number, number] }

export const PACKAGE_SIZES: readonly PackageSize[] = [
  { reference: 'SMALL_PARCEL', weightKg: 2, dimensionsCm: [30, 20, 10] },
  { reference: 'MEDIUM_PARCEL', weightKg: 10, dimensionsCm: [45, 35, 25] },
  { reference: 'LARGE_PARCEL', weightKg: 20, dimensionsCm: [60, 45, 40] }
]

export function findPackageSize (reference: string): PackageSize | undefined {
  return PACKAGE_SIZES.find(size => size.reference.toLowerCase() === reference.toLowerCase())
}
