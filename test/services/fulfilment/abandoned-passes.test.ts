import t from 'tap'
import { buildApp } from '../../helpers/app.js'
import { NEVER_CRON, placeOrder, waitForStatus } from '../../helpers/pipeline.js'
import { failOrphanedJobs, resumeAbandonedPasses } from '../../../src/services/fulfilment/abandoned-passes.js'
import { startWorkers } from '../../../src/services/fulfilment/workers.js'
import { QUEUES } from '../../../src/services/jobs/queue.js'

const pendingJobs = async (pool: import('pg').Pool, orderId: string): Promise<number> =>
  (await pool.query("SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'fulfil-order' AND state < 'completed' AND data->>'orderId' = $1", [orderId])).rows[0].n

t.test('a pass whose holder died (its lease expired unreleased) is queued again at once, by one sweeper only', async (t) => {
  const app = await buildApp(t, { WORKERS: 'off', MANIFEST_CRON: NEVER_CRON })
  const order = await placeOrder(app, { n: 1, locations: ['EDC5_Electio'] })
  // The job a crashed process held: fetched, never finished.
  const [held] = await app.jobs.boss.fetch(QUEUES.fulfilOrder)
  t.equal(held?.data && (held.data as { orderId: string }).orderId, order.orderId)
  t.equal(await pendingJobs(app.db.pool, order.orderId), 1, 'only the held job, active')
  await app.db.pool.query("INSERT INTO leases (name, owner, expires_at) VALUES ($1, gen_random_uuid(), now() - interval '1 second')", [`fulfil:${order.orderId}`])

  const [first, second] = await Promise.all([
    resumeAbandonedPasses(app.fulfilment.deps, app.jobs),
    resumeAbandonedPasses(app.fulfilment.deps, app.jobs)
  ])
  t.same([...first!, ...second!], [order.orderId], 'one of two sweepers resumed the order')
  t.equal(await pendingJobs(app.db.pool, order.orderId), 2, 'a new job beside the held one')
  t.same(await resumeAbandonedPasses(app.fulfilment.deps, app.jobs), [], 'nothing left to resume')
})

t.test('a job that expires on its last attempt (its process died) leaves the order needs_attention, ready to be retried', async (t) => {
  const app = await buildApp(t, { WORKERS: 'off', MANIFEST_CRON: NEVER_CRON, FULFILMENT_MAX_ATTEMPTS: '1', FULFILMENT_JOB_TIMEOUT_SECONDS: '1' })
  const order = await placeOrder(app, { n: 2, locations: ['EDC5_Electio'] })
  const [held] = await app.jobs.boss.fetch(QUEUES.fulfilOrder)
  t.ok(held, 'a process fetched the job and died')
  await startWorkers(app.jobs, app.fulfilment.deps, { concurrency: 1, maxAttempts: 1, manifestCron: NEVER_CRON })
  await waitForStatus(app.db.pool, [order.orderId], 'needs_attention', { timeoutMs: 60_000 })
  const { rows: [stored] } = await app.db.pool.query('SELECT status_reason FROM orders WHERE id = $1', [order.orderId])
  t.match(stored.status_reason, /timeout/, 'the reason says the job timed out')
})

t.test('a job its dead process held outside a pass (no lease) is failed for an early retry; one under a live pass is left alone', async (t) => {
  const app = await buildApp(t, { WORKERS: 'off', MANIFEST_CRON: NEVER_CRON })
  const orphan = await placeOrder(app, { n: 3, locations: ['EDC5_Electio'] })
  const working = await placeOrder(app, { n: 4, locations: ['EDC5_Electio'] })
  const fetched = await app.jobs.boss.fetch(QUEUES.fulfilOrder, { batchSize: 2 })
  t.equal(fetched?.length, 2, 'a process fetched both jobs')
  // Time passes: both jobs started a minute ago; only the second order's pass holds its lease.
  await app.db.pool.query("UPDATE pgboss.job SET started_on = now() - interval '1 minute' WHERE name = 'fulfil-order'")
  await app.db.pool.query("INSERT INTO leases (name, owner, expires_at) VALUES ($1, gen_random_uuid(), now() + interval '30 seconds')", [`fulfil:${working.orderId}`])

  const failed = await failOrphanedJobs(app.fulfilment.deps, app.jobs)
  const jobOf = (orderId: string) => fetched!.find((job) => (job.data as { orderId: string }).orderId === orderId)!.id
  t.same(failed, [jobOf(orphan.orderId)], 'only the job without a pass')
  const { rows } = await app.db.pool.query("SELECT data->>'orderId' AS order_id, state::text AS state FROM pgboss.job WHERE name = 'fulfil-order' ORDER BY data->>'orderId' = $1 DESC", [orphan.orderId])
  t.same(rows.map((row) => row.state), ['retry', 'active'], 'the orphan waits for its retry; the working job stays active')
})
