import type PgBoss from 'pg-boss'
import { HOUSEKEEPING_CRON, QUEUES, type FulfilOrderJob, type JobQueue, type LabelConsignmentJob } from '../jobs/queue.js'
import { runHousekeeping } from '../jobs/housekeeping.js'
import type { FulfilmentDeps } from './deps.js'
import { fulfilOrder } from './fulfil-order.js'
import { runManifest } from './manifest-run.js'
import { markNeedsAttention } from './order-progress.js'
import { labelStaffConsignment } from '../quotes/label-job.js'
import { flagLabelFailure } from '../store/staff-consignments.js'
import { failOrphanedJobs, resumeAbandonedPasses } from './abandoned-passes.js'

export interface WorkerOptions {
  /** Fulfilment (and staff label) jobs run at once: one worker each, one job per fetch. */
  concurrency: number
  /** After this many failed attempts the order is flagged `needs_attention` and its job ends. */
  maxAttempts: number
  manifestCron: string
}

/** pg-boss polls; a short interval keeps pickup latency low (DESIGN §8: throughput = batch ÷ interval). */
const POLL_SECONDS = 0.5
const LABEL_WORKERS = 2
/** A crashed holder's order is picked up again at most this long after its pass lease ran out. */
const SWEEP_EVERY_MS = 5_000

interface FailedJobOutput { message?: string, value?: { message?: string } }

/**
 * Registers the fulfilment, manifest and housekeeping workers. Their handlers are tracked by the
 * queue, whose stop() waits for them, so a graceful shutdown never cuts a step in half.
 */
export async function startWorkers (queue: JobQueue, processDeps: FulfilmentDeps, options: WorkerOptions): Promise<void> {
  const { boss, tracked } = queue
  const deps: FulfilmentDeps = { ...processDeps, stopSignal: queue.stopSignal }
  await boss.schedule(QUEUES.manifest, options.manifestCron)
  await boss.schedule(QUEUES.housekeeping, HOUSEKEEPING_CRON)

  // One job per fetch: pg-boss completes every job of a batch whose handler returns, so a job the
  // handler had failed itself (and that was already fetched again for its retry) would be marked
  // completed under its new run. With one job, a failure is a throw and pg-boss fails that job alone.
  for (let n = 0; n < options.concurrency; n++) {
    await boss.work<FulfilOrderJob>(QUEUES.fulfilOrder, { batchSize: 1, pollingIntervalSeconds: POLL_SECONDS, includeMetadata: true },
      tracked<PgBoss.JobWithMetadata<FulfilOrderJob>>(async ([job]) => { await runFulfilJob(deps, job!) }))
  }
  // A job out of attempts, whatever ended its last one (a throw, expiry, a shutdown), lands here.
  await boss.work<FulfilOrderJob>(QUEUES.fulfilOrderFailed, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true },
    tracked<PgBoss.JobWithMetadata<FulfilOrderJob>>(async ([job]) => {
      const reason = failureReason(job!.output)
      deps.log.error({ orderId: job!.data.orderId, reason }, 'fulfilment gave up; the order needs attention')
      await markNeedsAttention(deps.pool, job!.data.orderId, reason, options.maxAttempts)
    }))
  await boss.work<LabelConsignmentJob>(QUEUES.labelConsignmentFailed, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true },
    tracked<PgBoss.JobWithMetadata<LabelConsignmentJob>>(async ([job]) => {
      const reason = failureReason(job!.output)
      deps.log.error({ consignmentId: job!.data.consignmentId, reason }, 'labelling a staff consignment gave up; it needs attention')
      await flagLabelFailure(deps.pool, job!.data.consignmentId, reason)
    }))
  queue.every('resume-abandoned-passes', SWEEP_EVERY_MS, async () => {
    await resumeAbandonedPasses(deps, queue)
    await failOrphanedJobs(deps, queue)
  })
  // Staff label jobs come one per booking, at staff pace: a couple of workers keep up.
  for (let n = 0; n < Math.min(options.concurrency, LABEL_WORKERS); n++) {
    await boss.work<LabelConsignmentJob>(QUEUES.labelConsignment, { batchSize: 1, pollingIntervalSeconds: POLL_SECONDS },
      tracked<PgBoss.Job<LabelConsignmentJob>>(async ([job]) => { await runLabelJob(deps, job!) }))
  }
  await boss.work(QUEUES.manifest, { pollingIntervalSeconds: 1 }, tracked(async () => {
    await runManifest(deps)
  }))
  await boss.work(QUEUES.housekeeping, { pollingIntervalSeconds: 5 }, tracked(async () => {
    deps.log.info({ ...await runHousekeeping(deps.pool, new Date()) }, 'housekeeping done')
  }))
}

/** Throws on failure: pg-boss retries the job with backoff, and past its attempts dead-letters it. */
async function runFulfilJob (deps: FulfilmentDeps, job: PgBoss.JobWithMetadata<FulfilOrderJob>): Promise<void> {
  const { orderId } = job.data
  try {
    await fulfilOrder(deps, orderId, job.retryCount + 1)
  } catch (err) {
    deps.log.warn({ orderId, attempt: job.retryCount + 1, err }, 'fulfilment attempt failed; will retry')
    throw err
  }
}

function failureReason (output: unknown): string {
  const failed = (output ?? {}) as FailedJobOutput
  return failed.message ?? failed.value?.message ?? 'the job ran out of attempts'
}

/** Throws on failure: pg-boss fails the job and retries it with backoff, up to the queue's retry limit. */
async function runLabelJob (deps: FulfilmentDeps, job: PgBoss.Job<LabelConsignmentJob>): Promise<void> {
  try {
    await labelStaffConsignment(deps, job.data.consignmentId)
  } catch (err) {
    deps.log.warn({ consignmentId: job.data.consignmentId, err }, 'labelling a staff consignment failed; will retry')
    throw err
  }
}
