import { AppError } from '../../errors.js'
import type { ConsignmentView } from '../../schemas/consignments.js'
import { isProError, ProRejectedError } from '../pro/errors.js'
import * as consignments from '../store/consignments.js'
import * as staff from '../store/staff-consignments.js'
import { staffConsignment, type QuotesDeps } from './deps.js'
import { cancellable } from './states.js'
import { consignmentView } from './view.js'

const CANCELLING = 'Cancelling'

function refusal (reference: string, state: string): AppError {
  return new AppError('CONFLICT', { detail: `Consignment ${reference} is ${state} and cannot be cancelled now`, extensions: { state } })
}

/**
 * Cancels a staff consignment in PRO. It is claimed (`Cancelling`) first, so it cannot be claimed by
 * a manifest run or an allocation meanwhile; PRO's refusal is a 409 carrying the state PRO reports.
 * Cancelling twice has no effect worth guarding, so an unknown outcome is settled by reading PRO at once.
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
