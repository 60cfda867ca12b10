/**
 * Where each consignment state of PRO-API.md §6 stands in a consignment's life, spelled the way the
 * wire carries it (no spaces). Every state set the service acts on is derived from this one table.
 * `inProgress` states are PRO working on a request (nothing may be asked of the consignment until
 * it settles); `shipped` states are those a carrier's tracking drives once the data was sent to it.
 */
const PHASES = {
  Unallocated: 'unallocated',
  Allocating: 'allocating',
  AllocationFailed: 'unallocated',
  Allocated: 'allocated',
  Manifesting: 'manifesting',
  Manifested: 'manifested',
  ManifestFailed: 'allocated',
  ReadyToShip: 'allocated',
  Cancelling: 'cancelling',
  Cancelled: 'cancelled',
  Dispatched: 'shipped',
  CollectionFailed: 'shipped',
  CarrierUnableToCollect: 'shipped',
  ExchangeFailed: 'shipped',
  Collected: 'shipped',
  AtDropOffPoint: 'shipped',
  InTransit: 'shipped',
  InTransitWaiting: 'shipped',
  AtCustoms: 'shipped',
  ActionRequired: 'shipped',
  Delayed: 'shipped',
  HeldByCarrier: 'shipped',
  Missing: 'shipped',
  Lost: 'shipped',
  Damaged: 'shipped',
  OutForDelivery: 'shipped',
  DeliveredDamaged: 'shipped',
  PartiallyDelivered: 'shipped',
  AtCollectionPoint: 'shipped',
  Delivered: 'shipped',
  DeliveryFailedCardLeft: 'shipped',
  DeliveryFailed: 'shipped',
  ReturnToSender: 'shipped'
} as const

export type KnownConsignmentState = keyof typeof PHASES
type Phase = typeof PHASES[KnownConsignmentState]

export const CONSIGNMENT_STATES = Object.keys(PHASES) as KnownConsignmentState[]

const statesIn = (...phases: Phase[]): ReadonlySet<string> =>
  new Set(CONSIGNMENT_STATES.filter((state) => phases.includes(PHASES[state])))

/** PRO allocates only from these (§6 "Allocate"). */
export const ALLOCATABLE_STATES = statesIn('unallocated')
/** A carrier service is assigned: PRO refuses to allocate these again. */
export const ALLOCATED_STATES = statesIn('allocated', 'manifesting', 'manifested', 'shipped')
/** PRO manifests only from these (§6 "Manifest", with the manifesting page's ReadyToShip, §10.4). */
export const MANIFESTABLE_STATES = statesIn('allocated')
/** The carrier has been sent the data: Manifested, and every state its tracking moves it on to. */
export const MANIFESTED_STATES = statesIn('manifested', 'shipped')
/** PRO is still working on a request for the consignment: wait for it, never ask again meanwhile. */
export const IN_PROGRESS_STATES = statesIn('allocating', 'manifesting', 'cancelling')

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
