import type { CarrierService } from './catalogue.js'
import type { ShipmentDetails } from './model.js'

/** The allocation rules PRO applies to every service choice (destination, weight, tags). */
export interface ShipmentProfile {
  originCountry: string
  destinationCountry: string
  toPickupShop: boolean
  packageWeightsKg: number[]
  tags: string[]
}

export function profileOf (shipment: ShipmentDetails): ShipmentProfile {
  const origin = shipment.addresses.find(address => address.AddressType === 'Origin')
  const destination = shipment.addresses.find(address => address.AddressType === 'Destination')
  return {
    originCountry: origin?.Country?.IsoCode.TwoLetterCode ?? 'GB',
    destinationCountry: destination?.Country?.IsoCode.TwoLetterCode ?? 'GB',
    toPickupShop: destination?.ShopLocationReference != null,
    packageWeightsKg: shipment.packages.map(pkg => pkg.weightKg),
    tags: shipment.tags
  }
}

export function totalWeightKg (shipment: ShipmentDetails): number {
  return shipment.packages.reduce((sum, pkg) => sum + pkg.weightKg, 0)
}

/** Why a service cannot carry a shipment, in PRO's wording, or null when it can. */
export function exclusionReason (service: CarrierService, profile: ShipmentProfile): string | null {
  const international = profile.originCountry !== profile.destinationCountry
  if (international !== (service.scope === 'international')) return 'This service is not available between the selected addresses.'
  if (service.countries.length > 0 && !service.countries.includes(profile.destinationCountry)) return 'This service is not available between the selected addresses.'
  if (profile.toPickupShop !== (service.scope === 'pickup') && service.scope !== 'international') return 'This service does not deliver to the selected kind of address.'
  if (profile.packageWeightsKg.some(weight => weight > service.maxPackageWeightKg)) return 'This service is not available for the given package dimensions/weight.'
  if (!profile.tags.every(tag => service.tags.includes(tag))) return 'This service does not carry every tag of the consignment.'
  return null
}
