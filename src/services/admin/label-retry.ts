import type pg from 'pg'
import { AppError } from '../../errors.js'
import type { JobQueue } from '../jobs/queue.js'
import { clearLabelFailure } from '../store/staff-consignments.js'
import { inTransaction } from '../store/transaction.js'

export interface LabelRetryDeps {
  pool: pg.Pool
  jobs: Pick<JobQueue, 'enqueueLabelling'>
}

/** Re-drives a staff consignment whose label job ran out of attempts: clears its flag and queues the job, in one transaction. */
export async function retryLabel (deps: LabelRetryDeps, reference: string): Promise<void> {
  await inTransaction(deps.pool, async (client) => {
    const consignmentId = await clearLabelFailure(client, reference.toUpperCase())
    if (!consignmentId) {
      throw new AppError('CONFLICT', { detail: `Consignment ${reference} has no failed label job to retry` })
    }
    await deps.jobs.enqueueLabelling(client, consignmentId)
  })
}
