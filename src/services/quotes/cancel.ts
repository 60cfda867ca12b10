import { AppError } from '../../errors.js'
import type { ConsignmentView } from '../../schemas/consignments.js'
import { isProError, ProRejectedError } from '../pro/errors.js'
import * as consignments from '../store/consignments.js'
import * as staff from '../store/staff-consignments.js'
import { staffConsignment, type QuotesDeps } from './deps.js'
import { ALLOCATABLE_STATES, MANIFESTED_STATES } from '../pro/states.js'
import { cancellable, DEALLOCATE_BEFORE_CANCEL } from './states.js'
import { consignmentView } from './view.js'

const CANCELLING = 'Cancelling'

function refusal (reference: string, state: string): AppError {
  if (MANIFESTED_STATES.has(state)) {
    return new AppError('ALREADY_MANIFESTED', { detail: `Consignment ${reference} is ${state}: the carrier has it, so it is cancelled with the carrier, not here`, extensions: { state } })
  }
  return new AppError('CONFLICT', { detail: `Consignment ${reference} is ${state} and cannot be cancelled now`, extensions: { state } })
}

/**
 * Cancels a staff consignment in PRO, before it is manifested only (409 `ALREADY_MANIFESTED` after).
 * It is claimed (`Cancelling`) first, so it cannot be claimed by a manifest run or an allocation
 * meanwhile; an allocated one is deallocated first, as PRO asks. PRO's refusal is a 409 carrying the
 * state PRO reports. Deallocating or cancelling twice has no effect worth guarding, so an unknown
 * outcome is settled by reading PRO at once.
 */
export async function cancelStaffConsignment (deps: QuotesDeps, reference: string): Promise<ConsignmentView> {
  const row = await staffConsignment(deps, reference)
  const ref = row.reference!
  // A cancel that a crash left `Cancelling` past the lease is simply made again.
  if (!cancellable(row.state) && row.state !== CANCELLING) throw refusal(ref, row.state)
  const previous = await staff.claim(deps.pool, { reference: ref, state: CANCELLING, from: cancellable(row.state) ? [row.state] : [], leaseMs: deps.claimTimeoutMs })
  if (previous === undefined) {
    const now = await staffConsignment(deps, reference)
    throw refusal(ref, now.state)
  }
  try {
    if (await needsDeallocation(deps, ref, previous)) await deallocate(deps, ref)
    await deps.pro.cancelConsignment(ref)
    await staff.releaseClaim(deps.pool, ref, CANCELLING, 'Cancelled')
    deps.log.info({ reference: ref, from: previous }, 'staff consignment cancelled')
  } catch (err) {
    const state = await stateAfterFailure(deps, ref, previous, err)
    await staff.releaseClaim(deps.pool, ref, CANCELLING, state)
    if (state !== 'Cancelled') throw err instanceof ProRejectedError ? refusal(ref, state) : err
  }
  return await consignmentView(deps.pool, (await consignments.findByReference(deps.pool, ref))!)
}

/** From the state it was claimed in; a claim a crash left `Cancelling` asks PRO where it stands. */
async function needsDeallocation (deps: QuotesDeps, reference: string, previous: string): Promise<boolean> {
  const state = previous === CANCELLING ? (await deps.pro.getConsignment(reference)).ConsignmentState : previous
  return DEALLOCATE_BEFORE_CANCEL.has(state)
}

/** Deallocates; a failure after which PRO shows it unallocated (the answer was lost) is success. */
async function deallocate (deps: QuotesDeps, reference: string): Promise<void> {
  try {
    await deps.pro.deallocateConsignment(reference)
  } catch (err) {
    if (!isProError(err) || (!err.outcomeUnknown && !(err instanceof ProRejectedError))) throw err
    if (!ALLOCATABLE_STATES.has((await deps.pro.getConsignment(reference)).ConsignmentState)) throw err
  }
}

/** The state to record after a failed cancel: PRO's own when it can be read, else the one before. */
async function stateAfterFailure (deps: QuotesDeps, reference: string, previous: string, err: unknown): Promise<string> {
  if (isProError(err) && !err.outcomeUnknown && !(err instanceof ProRejectedError)) return previous
  try {
    return (await deps.pro.getConsignment(reference)).ConsignmentState
  } catch (readError) {
    deps.log.warn({ reference, err: readError }, 'could not read the consignment after a failed cancel')
    return previous
  }
}
