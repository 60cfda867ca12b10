/** Local states of staff consignments, as the Quotes flow acts on them. */

/** PRO allocates only from these (PRO-API.md §6). */
export const ALLOCATABLE_STATES = ['Unallocated', 'AllocationFailed']

/** A request is under way: nothing else may act until it settles. */
export const IN_FLIGHT_STATES = new Set(['Creating', 'Allocating', 'Manifesting', 'Cancelling'])

/** Labels and customs documents exist only once allocated, and not after cancelling. */
export const LABEL_REFUSED_STATES = new Set(['Creating', 'Unallocated', 'Allocating', 'AllocationFailed', 'Cancelling', 'Cancelled'])

/** States a cancel may start from: every settled state but Cancelled. */
export function cancellable (state: string): boolean {
  return state !== 'Cancelled' && !IN_FLIGHT_STATES.has(state)
}
