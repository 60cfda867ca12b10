/** Consignment states as PRO-API.md §6 names them, spelled the way the wire carries them (no spaces). */
export const CONSIGNMENT_STATES = [
  'Unallocated', 'Allocating', 'AllocationFailed', 'Allocated', 'Manifesting', 'Manifested',
  'ManifestFailed', 'ReadyToShip', 'Cancelling', 'Cancelled', 'Dispatched', 'CollectionFailed',
  'CarrierUnableToCollect', 'ExchangeFailed', 'Collected', 'AtDropOffPoint', 'InTransit',
  'InTransitWaiting', 'AtCustoms', 'ActionRequired', 'Delayed', 'HeldByCarrier', 'Missing', 'Lost',
  'Damaged', 'OutForDelivery', 'DeliveredDamaged', 'PartiallyDelivered', 'AtCollectionPoint',
  'Delivered', 'DeliveryFailedCardLeft', 'DeliveryFailed', 'ReturnToSender'
] as const

export type KnownConsignmentState = typeof CONSIGNMENT_STATES[number]
/** A known state, or PRO's own spelling (without spaces) of one this client does not know yet. */
export type ConsignmentState = KnownConsignmentState | (string & {})

const squeeze = (state: string) => state.replace(/[^A-Za-z0-9]/g, '')
const BY_KEY = new Map<string, KnownConsignmentState>(CONSIGNMENT_STATES.map((state) => [state.toLowerCase(), state]))

/**
 * The multi-word spelling on the wire is undocumented (`Manifest Failed`, `ManifestFailed`,
 * `In Transit - Waiting`…): compare without case, spaces or punctuation.
 */
export function normaliseConsignmentState (state: string): ConsignmentState {
  const squeezed = squeeze(state)
  return BY_KEY.get(squeezed.toLowerCase()) ?? squeezed
}

export function isKnownConsignmentState (state: string): state is KnownConsignmentState {
  return BY_KEY.get(state.toLowerCase()) === state
}
