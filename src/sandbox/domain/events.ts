import type { Consignment } from '../model.js'
import { addressOfType } from '../normalise-address.js'

/** Adds a tracking event (PRO's normalised codes) at the consignment's origin town. */
export function recordEvent (consignment: Consignment, at: Date, code: string, description: string): void {
  const origin = addressOfType(consignment.shipment.addresses, 'Origin')
  consignment.events.push({ at, code, description, location: origin?.Town ?? '' })
}
