import t from 'tap'
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import type pg from 'pg'
import { buildApp } from '../../helpers/app.js'
import { NEVER_CRON, placeOrder, sandboxStats, setSandboxFaults, waitForStatus } from '../../helpers/pipeline.js'
import { staffKeyId } from '../../../src/plugins/app/staff-auth.js'
import { QUEUES } from '../../../src/services/jobs/queue.js'

const STAFF_KEY = 'staff-key-retry-0a1b2c3d4e5f6a7b'
const auth = { authorization: `Bearer ${STAFF_KEY}` }

async function fulfilmentJobs (pool: pg.Pool, orderId: string): Promise<Array<{ id: string, state: string }>> {
  const { rows } = await pool.query(
    "SELECT id, state::text AS state FROM pgboss.job WHERE name = $1 AND data->>'orderId' = $2 ORDER BY created_on", [QUEUES.fulfilOrder, orderId])
  return rows
}

async function timeline (pool: pg.Pool, orderId: string): Promise<Array<{ status: string, detail: Record<string, unknown> | null }>> {
  const { rows } = await pool.query('SELECT status, detail FROM order_events WHERE order_id = $1 ORDER BY id', [orderId])
  return rows
}

/** Polls until the order has `status` (it sits in needs_attention until a worker picks the retry up). */
async function waitForOrderStatus (pool: pg.Pool, orderId: string, status: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const { rows } = await pool.query('SELECT status FROM orders WHERE id = $1', [orderId])
    if (rows[0]?.status === status) return
    if (Date.now() > deadline) throw new Error(`order ${orderId} is ${rows[0]?.status}, not ${status}`)
    await sleep(200)
  }
}

t.test('an order that ran out of attempts is re-driven from where it stopped and reaches labelled', async (t) => {
  const app = await buildApp(t, {
    STAFF_API_KEYS: STAFF_KEY,
    FULFILMENT_MAX_ATTEMPTS: '1',
    PRO_MAX_RETRIES: '0',
    MANIFEST_CRON: NEVER_CRON
  })
  const pool = app.db.pool
  const simulator = app.proSimulator!
  await setSandboxFaults(simulator, { operations: { pack: { errorRate: 1 } } })
  const order = await placeOrder(app, { n: 1, locations: ['EDC5_Electio', 'WH_BRISTOL'] })
  await waitForStatus(pool, [order.orderId], 'needs_attention', { timeoutMs: 30_000 })
  const [first] = await fulfilmentJobs(pool, order.orderId)
  t.equal(first?.state, 'failed', 'the job failed for good (its dead letter flagged the order)')

  await setSandboxFaults(simulator, {})
  const response = await app.inject({ method: 'POST', url: `/admin/orders/${order.orderId}/retry`, headers: auth })
  t.equal(response.statusCode, 202, response.body)
  t.match(response.json(), { id: order.orderId, orderReference: 'WEB-1', proOrderReference: order.proOrderReference, status: 'needs_attention', statusReason: String, attempts: 1 })

  const jobs = await fulfilmentJobs(pool, order.orderId)
  t.equal(jobs.length, 2, 'a new fulfilment job was created beside the finished one')
  t.not(jobs[1]!.id, first!.id)
  const retried = (await timeline(pool, order.orderId)).find((e) => e.status === 'retry_requested')
  t.match(retried?.detail, { staffKeyId: staffKeyId(STAFF_KEY), attempts: 1, previousReason: String }, 'the timeline records who asked')

  await waitForOrderStatus(pool, order.orderId, 'labelled', 60_000)
  const statuses = (await timeline(pool, order.orderId)).map((e) => e.status)
  t.same(statuses, ['accepted', 'needs_attention', 'retry_requested', 'packed', 'allocated', 'labelled'])
  const { rows: consignments } = await pool.query("SELECT state FROM consignments WHERE order_id = $1 AND state = 'Allocated'", [order.orderId])
  t.equal(consignments.length, 2, 'both warehouses packed and allocated')
  const stats = await sandboxStats(simulator)
  t.ok(Object.values(stats.duplicates).every((n) => n === 0), 'nothing was done twice in PRO')

  const again = await app.inject({ method: 'POST', url: `/admin/orders/${order.orderId}/retry`, headers: auth })
  t.equal(again.statusCode, 409, 'a labelled order is not retried')
  t.match(again.json(), { code: 'CONFLICT', detail: /labelled/ })
  t.equal((await fulfilmentJobs(pool, order.orderId)).length, 2, 'and no job was added')
})

t.test('retry refuses orders that do not need attention, unknown orders and a second queued job', async (t) => {
  const app = await buildApp(t, { STAFF_API_KEYS: STAFF_KEY, WORKERS: 'off' })
  const pool = app.db.pool
  const order = await placeOrder(app, { n: 2, locations: ['Sorted1'] })
  const retry = (id: string) => app.inject({ method: 'POST', url: `/admin/orders/${id}/retry`, headers: auth })

  const accepted = await retry(order.orderId)
  t.equal(accepted.statusCode, 409)
  t.match(accepted.json(), { code: 'CONFLICT', detail: 'The order is accepted; only an order that needs attention can be retried' })

  t.equal((await retry(randomUUID())).statusCode, 404)
  const malformed = await retry('not-a-uuid')
  t.equal(malformed.statusCode, 400)
  t.equal(malformed.json().errors[0].field, '/params/id')

  await pool.query("UPDATE orders SET status = 'needs_attention', status_reason = 'allocation refused', attempts = 8 WHERE id = $1", [order.orderId])
  const queued = await retry(order.orderId)
  t.equal(queued.statusCode, 409, 'the job from confirm has not run yet')
  t.match(queued.json(), { code: 'CONFLICT', detail: 'A fulfilment job for this order is already queued' })

  const [confirmJob] = await fulfilmentJobs(pool, order.orderId)
  await app.jobs.boss.cancel(QUEUES.fulfilOrder, confirmJob!.id)
  const ok = await retry(order.orderId)
  t.equal(ok.statusCode, 202)
  t.match(ok.json(), { status: 'needs_attention', statusReason: 'allocation refused', attempts: 8 })
  t.same((await fulfilmentJobs(pool, order.orderId)).map((j) => j.state), ['cancelled', 'created'])

  const twice = await retry(order.orderId)
  t.equal(twice.statusCode, 409, 'a second retry while the first is queued')
  t.equal((await fulfilmentJobs(pool, order.orderId)).length, 2)
  t.equal((await timeline(pool, order.orderId)).filter((e) => e.status === 'retry_requested').length, 1, 'refused retries leave no trace in the timeline')
})
