import PgBoss from 'pg-boss'
import type pg from 'pg'
import type { Log } from '../log.js'

/** Queue names are part of the stored data: renaming one strands its jobs. */
export const QUEUES = {
  fulfilOrder: 'fulfil-order',
  manifest: 'manifest',
  housekeeping: 'housekeeping',
  labelConsignment: 'label-consignment'
} as const

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
  stop (): Promise<void>
}

export interface JobQueueOptions {
  /** pg-boss opens connections of its own to the service's database. */
  connectionString: string
  log: Log
  /** pg-boss maintenance and cron (one replica wins each run); off in processes that only enqueue. */
  supervise: boolean
  /** Attempts of a fulfilment job before it is given up (the worker then flags the order). */
  fulfilmentAttempts: number
  /** A job still active this long after it started is taken for crashed (its process died) and retried. */
  jobTimeoutSeconds: number
}

/** How often pg-boss looks for expired jobs at most (its default is 2 minutes). */
const MAINTENANCE_SECONDS = 30

/** pg-boss on the service's own PostgreSQL, in schema `pgboss`. */
export async function startJobQueue (options: JobQueueOptions): Promise<JobQueue> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    max: 4,
    schema: 'pgboss',
    application_name: 'checkout-bff-jobs',
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
      retryLimit: options.fulfilmentAttempts,
      retryDelay: 2,
      retryBackoff: true,
      expireInSeconds: options.jobTimeoutSeconds,
      db: { executeSql: (text: string, values: unknown[]) => client.query(text, values) }
    })
  }

  return {
    boss,
    enqueueFulfilment: (client, orderId) => sendInTransaction(client, QUEUES.fulfilOrder, { orderId } satisfies FulfilOrderJob, orderId),
    enqueueLabelling: (client, consignmentId) => sendInTransaction(client, QUEUES.labelConsignment, { consignmentId } satisfies LabelConsignmentJob, consignmentId),
    async stop () {
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 })
    }
  }
}
