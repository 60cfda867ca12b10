import { unfencedStep, type FulfilmentDeps } from '../fulfilment/deps.js'
import { labelConsignments } from '../fulfilment/label-step.js'
import * as consignments from '../store/consignments.js'
import { LABEL_REFUSED_STATES } from './states.js'

/**
 * The pipeline's label step for one staff consignment, queued with its allocation: stores its label
 * in LABEL_FORMAT (and customs documents when international), after which the next manifest run
 * takes it. A consignment cancelled meanwhile has nothing to print.
 */
export async function labelStaffConsignment (deps: FulfilmentDeps, consignmentId: string): Promise<void> {
  const row = await consignments.findById(deps.pool, consignmentId)
  if (!row || LABEL_REFUSED_STATES.has(row.state)) return
  await labelConsignments(unfencedStep(deps), [row], row.details.international === true)
  deps.log.info({ reference: row.reference }, 'staff consignment labelled; waiting for the next manifest run')
}
