import { ALLOCATABLE_STATES as PRO_ALLOCATABLE, ALLOCATED_STATES, CONSIGNMENT_STATES, IN_PROGRESS_STATES } from '../pro/states.js'

/** Local states of staff consignments, as the Quotes flow acts on them: PRO's (pro/states.ts), and ours below. */

/** Ours only: the create call is under way and PRO has not named the consignment yet. */
const CREATING = 'Creating'

/** PRO allocates only from these (PRO-API.md §6). */
export const ALLOCATABLE_STATES: readonly string[] = [...PRO_ALLOCATABLE]

/** A request is under way: nothing else may act until it settles. */
export const IN_FLIGHT_STATES: ReadonlySet<string> = new Set([CREATING, ...IN_PROGRESS_STATES])

/** Labels and customs documents exist only once allocated, and not after cancelling. */
export const LABEL_REFUSED_STATES: ReadonlySet<string> = new Set([CREATING, ...CONSIGNMENT_STATES.filter((state) => !ALLOCATED_STATES.has(state))])

/** Allocated, so PRO asks for a deallocation before a cancel (PRO-API.md §7.8). */
export const DEALLOCATE_BEFORE_CANCEL: ReadonlySet<string> = new Set(['Allocated', 'ManifestFailed'])

/**
 * States a cancel may start from: before manifesting only (the cancelling page, the stricter reading
 * of PRO-API.md §10.5), allocated ones by deallocating first. `ReadyToShip` is never set here.
 */
export function cancellable (state: string): boolean {
  return ALLOCATABLE_STATES.includes(state) || DEALLOCATE_BEFORE_CANCEL.has(state)
}
