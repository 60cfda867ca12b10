import PgBoss from 'pg-boss'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import type { Config } from '../../config.js'
import type { Log } from '../log.js'

/** Queue names are part of the stored data: renaming one strands its jobs. */
export const QUEUES = {
  fulfilOrder: 'fulfil-order',
  manifest: 'manifest',
  housekeeping: 'housekeeping',
  labelConsignment: 'label-consignment',
  /** Dead letters: a job that ran out of attempts, whatever ended it (a throw, expiry, a shutdown). */
  fulfilOrderFailed: 'fulfil-order-failed',
  labelConsignmentFailed: 'label-consignment-failed'
} as const

const DEAD_LETTERS: Record<string, string> = {
  [QUEUES.fulfilOrder]: QUEUES.fulfilOrderFailed,
  [QUEUES.labelConsignment]: QUEUES.labelConsignmentFailed
}

/** Hourly, at a minute no other schedule uses; pg-boss fires it once across all replicas. */
export const HOUSEKEEPING_CRON = '23 * * * *'

export interface FulfilOrderJob {
  orderId: string
}

/** A staff consignment just allocated: its label (and customs documents) to fetch and store. */
export interface LabelConsignmentJob {
  consignmentId: string
}

export interface JobQueue {
  readonly boss: PgBoss
  /** Enqueues inside the caller's transaction: the job exists if and only if the transaction commits. */
  enqueueFulfilment (client: pg.PoolClient, orderId: string): Promise<void>
  /** Likewise, for the label step of one staff consignment. */
  enqueueLabelling (client: pg.PoolClient, consignmentId: string): Promise<void>
  /**
   * Wraps a worker's handler so that stop() waits for it. Jobs pg-boss hands over once the queue is
   * stopping (a poll that was in flight) are failed at once, to be retried, not started.
   */
  tracked<J> (handler: (jobs: J[]) => Promise<void>): (jobs: J[]) => Promise<void>
  /** Runs `task` every `ms` (tracked like a handler) until stop(); a failure is logged, not fatal. */
  every (name: string, ms: number, task: () => Promise<void>): void
  /**
   * Aborted when handlers still run `stopGraceMs` after stop() began: work should end at its next
   * safe point and throw, so its job is retried elsewhere (never failed while its handler runs).
   */
  readonly stopSignal: AbortSignal
  /** Stops fetching, lets handlers finish (see stopSignal), waits for statements in flight, then closes the connections. */
  stop (): Promise<void>
}

export interface JobQueueOptions {
  /** pg-boss opens connections of its own to the service's database… */
  connectionString: string
  /** …this many (default 6: a poll of each queue's worker, maintenance and a send at once). */
  connections?: number
  log: Log
  /** pg-boss maintenance and cron (one replica wins each run); off in processes that only enqueue. */
  supervise: boolean
  /** Attempts of a fulfilment job before it is given up (the worker then flags the order). */
  fulfilmentAttempts: number
  /** A job still active this long after it started is taken for crashed (its process died) and retried. */
  jobTimeoutSeconds: number
  /** Pause before a failed job is tried again. Fixed: pg-boss 10's backoff doubles without a cap. */
  retryDelaySeconds: number
  /** How long stop() lets running handlers go on before it aborts stopSignal (default 10 s). */
  stopGraceMs?: number
}

/** The queue's settings from the service configuration. */
export function jobQueueSettings (config: Pick<Config, 'FULFILMENT_MAX_ATTEMPTS' | 'FULFILMENT_JOB_TIMEOUT_SECONDS' | 'FULFILMENT_RETRY_DELAY_SECONDS'>): Pick<JobQueueOptions, 'fulfilmentAttempts' | 'jobTimeoutSeconds' | 'retryDelaySeconds'> {
  return {
    fulfilmentAttempts: config.FULFILMENT_MAX_ATTEMPTS,
    jobTimeoutSeconds: config.FULFILMENT_JOB_TIMEOUT_SECONDS,
    retryDelaySeconds: config.FULFILMENT_RETRY_DELAY_SECONDS
  }
}

/** How often pg-boss looks for expired jobs at most (its default is 2 minutes). */
const MAINTENANCE_SECONDS = 30

/** How long a stop waits for statements in flight, and for handlers to wind down once stopSignal is aborted. */
const DRAIN_TIMEOUT_MS = 10_000
const STOP_GRACE_MS = 10_000

async function until (condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition() && Date.now() < deadline) await sleep(20)
}

/**
 * Waits (bounded) until no handler runs and the pool is unused. pg's pool never answers a caller
 * still waiting for a connection when it ends: a pg-boss worker whose poll was waiting would then
 * wait forever, and its stop loop would keep the process alive; and pg-boss completes or fails a
 * job after its handler returns without awaiting it, so that statement may still be under way.
 */
async function drained (pool: pg.Pool, handlersRunning: () => number): Promise<void> {
  await until(() => handlersRunning() === 0 && pool.waitingCount === 0 && pool.idleCount === pool.totalCount, DRAIN_TIMEOUT_MS)
}

/** pg-boss on the service's own PostgreSQL, in schema `pgboss`, over a pool this module owns. */
export async function startJobQueue (options: JobQueueOptions): Promise<JobQueue> {
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.connections ?? 6, application_name: 'checkout-bff-jobs' })
  pool.on('error', (err) => options.log.error({ err }, 'idle job queue connection failed'))
  const boss = new PgBoss({
    db: { executeSql: (text: string, values: unknown[]) => pool.query(text, values) },
    schema: 'pgboss',
    supervise: options.supervise,
    maintenanceIntervalSeconds: Math.min(MAINTENANCE_SECONDS, options.jobTimeoutSeconds),
    schedule: options.supervise
  })
  boss.on('error', (err) => options.log.error({ err }, 'job queue error'))
  await boss.start()
  for (const name of Object.values(QUEUES)) await boss.createQueue(name)

  async function sendInTransaction (client: pg.PoolClient, queue: string, data: object, singletonKey: string): Promise<void> {
    await boss.send(queue, data, {
      singletonKey,
      retryLimit: options.fulfilmentAttempts - 1,
      retryDelay: options.retryDelaySeconds,
      retryBackoff: false,
      expireInSeconds: options.jobTimeoutSeconds,
      deadLetter: DEAD_LETTERS[queue],
      db: { executeSql: (text: string, values: unknown[]) => client.query(text, values) }
    })
  }

  let stopping = false
  let handlersRunning = 0
  const stopController = new AbortController()
  const timers: NodeJS.Timeout[] = []

  return {
    boss,
    stopSignal: stopController.signal,
    enqueueFulfilment: (client, orderId) => sendInTransaction(client, QUEUES.fulfilOrder, { orderId } satisfies FulfilOrderJob, orderId),
    enqueueLabelling: (client, consignmentId) => sendInTransaction(client, QUEUES.labelConsignment, { consignmentId } satisfies LabelConsignmentJob, consignmentId),
    tracked: (handler) => async (jobs) => {
      if (stopping) throw new Error('the job queue is stopping; the job will be retried')
      handlersRunning++
      try {
        await handler(jobs)
      } finally {
        handlersRunning--
      }
    },
    every (name, ms, task) {
      let running = false
      timers.push(setInterval(() => {
        if (stopping || running) return
        running = true
        handlersRunning++
        task().catch((err: unknown) => { options.log.error({ err, task: name }, 'periodic job task failed') })
          .finally(() => { running = false; handlersRunning-- })
      }, ms))
    },
    async stop () {
      stopping = true
      for (const timer of timers) clearInterval(timer)
      for (const name of Object.values(QUEUES)) await boss.offWork(name)
      // pg-boss's own stop fails the jobs whose handlers still run: it is called only once none does.
      await until(() => handlersRunning === 0, options.stopGraceMs ?? STOP_GRACE_MS)
      if (handlersRunning > 0) {
        options.log.warn({ handlersRunning }, 'jobs still running at the end of the stop grace; asking them to stop')
        stopController.abort(new Error('the job queue is stopping'))
        await until(() => handlersRunning === 0, DRAIN_TIMEOUT_MS)
      }
      // close: false, so that polls still in flight finish before the pool ends.
      await boss.stop({ graceful: true, wait: true, timeout: 1000, close: false })
      await drained(pool, () => handlersRunning)
      await pool.end()
    }
  }
}
