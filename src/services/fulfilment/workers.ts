import type PgBoss from 'pg-boss'
import { HOUSEKEEPING_CRON, QUEUES, type FulfilOrderJob, type JobQueue, type LabelConsignmentJob } from '../jobs/queue.js'
import { runHousekeeping } from '../jobs/housekeeping.js'
import type { FulfilmentDeps } from './deps.js'
import { fulfilOrder } from './fulfil-order.js'
import { runManifest } from './manifest-run.js'
import { markNeedsAttention } from './order-progress.js'
import { labelStaffConsignment } from '../quotes/label-job.js'

export interface WorkerOptions {
  /** Fulfilment jobs fetched and run together per poll. */
  concurrency: number
  /** After this many failed attempts the order is flagged `needs_attention` and its job ends. */
  maxAttempts: number
  manifestCron: string
}

/** pg-boss polls; a short interval keeps pickup latency low (DESIGN §8: throughput = batch ÷ interval). */
const POLL_SECONDS = 0.5

/**
 * Registers the fulfilment, manifest and housekeeping workers. Their handlers are tracked by the
 * queue, whose stop() waits for them, so a graceful shutdown never cuts a step in half.
 */
export async function startWorkers (queue: JobQueue, deps: FulfilmentDeps, options: WorkerOptions): Promise<void> {
  const { boss, tracked } = queue
  await boss.schedule(QUEUES.manifest, options.manifestCron)
  await boss.schedule(QUEUES.housekeeping, HOUSEKEEPING_CRON)

  await boss.work<FulfilOrderJob>(QUEUES.fulfilOrder, {
    batchSize: options.concurrency,
    pollingIntervalSeconds: POLL_SECONDS,
    includeMetadata: true
  }, tracked<PgBoss.JobWithMetadata<FulfilOrderJob>>(async (jobs) => {
    await Promise.all(jobs.map((job) => runFulfilJob(boss, deps, job, options.maxAttempts)))
  }))
  await boss.work<LabelConsignmentJob>(QUEUES.labelConsignment, {
    batchSize: options.concurrency,
    pollingIntervalSeconds: POLL_SECONDS
  }, tracked<PgBoss.Job<LabelConsignmentJob>>(async (jobs) => {
    await Promise.all(jobs.map((job) => runLabelJob(boss, deps, job)))
  }))
  await boss.work(QUEUES.manifest, { pollingIntervalSeconds: 1 }, tracked(async () => {
    await runManifest(deps)
  }))
  await boss.work(QUEUES.housekeeping, { pollingIntervalSeconds: 5 }, tracked(async () => {
    deps.log.info({ ...await runHousekeeping(deps.pool, new Date()) }, 'housekeeping done')
  }))
}

/** Fails (for pg-boss to retry with backoff) or, past the budget, flags the order; never throws. */
async function runFulfilJob (boss: PgBoss, deps: FulfilmentDeps, job: PgBoss.JobWithMetadata<FulfilOrderJob>, maxAttempts: number): Promise<void> {
  const { orderId } = job.data
  try {
    await fulfilOrder(deps, orderId)
  } catch (err) {
    const attempt = job.retryCount + 1
    const reason = err instanceof Error ? err.message : String(err)
    if (attempt >= maxAttempts) {
      deps.log.error({ orderId, attempt, err }, 'fulfilment gave up; the order needs attention')
      await markNeedsAttention(deps.pool, orderId, reason, attempt)
      return
    }
    deps.log.warn({ orderId, attempt, err }, 'fulfilment attempt failed; will retry')
    await boss.fail(QUEUES.fulfilOrder, job.id, { message: reason })
  }
}

/** Fails only its own job (pg-boss retries it with backoff, up to the queue's retry limit). */
async function runLabelJob (boss: PgBoss, deps: FulfilmentDeps, job: PgBoss.Job<LabelConsignmentJob>): Promise<void> {
  try {
    await labelStaffConsignment(deps, job.data.consignmentId)
  } catch (err) {
    deps.log.warn({ consignmentId: job.data.consignmentId, err }, 'labelling a staff consignment failed; will retry')
    await boss.fail(QUEUES.labelConsignment, job.id, { message: err instanceof Error ? err.message : String(err) })
  }
}
