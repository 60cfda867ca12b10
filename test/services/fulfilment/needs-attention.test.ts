import t from 'tap'
import { buildApp } from '../../helpers/app.js'
import { NEVER_CRON, hurryRetries, placeOrder, sandboxStats, setSandboxFaults, waitForStatus } from '../../helpers/pipeline.js'

t.test(`an order PRO will not allocate needs attention after FULFILMENT_MAX_ATTEMPTS, allocated never twice`, async (t) => {
  const app = await buildApp(t, { FULFILMENT_MAX_ATTEMPTS: '2', MANIFEST_CRON: NEVER_CRON })
  const simulator = app.proSimulator!
  await setSandboxFaults(simulator, { operations: { allocate: { errorRate: 1 } } })
  const order = await placeOrder(app, { n: 1, locations: ['EDC5_Electio', 'WH_BRISTOL'] })
  await waitForStatus(app.db.pool, [order.orderId], 'needs_attention', { timeoutMs: 30_000, eachPoll: () => hurryRetries(app.db.pool) })

  const { rows: [stored] } = await app.db.pool.query('SELECT status, status_reason, attempts FROM orders WHERE id = $1', [order.orderId])
  t.equal(stored.attempts, 2, 'both attempts counted')
  t.match(stored.status_reason, /\S/, `a reason is recorded: ${stored.status_reason}`)

  const view = await app.inject({ method: 'GET', url: `/checkout/orders/${order.orderId}`, headers: { authorization: `Bearer ${order.orderToken}` } })
  t.equal(view.statusCode, 200)
  const body = view.json()
  t.equal(body.status, 'needs_attention')
  t.equal(body.statusReason, stored.status_reason)
  t.same(body.timeline.map((entry: { status: string }) => entry.status), ['accepted', 'packed', 'needs_attention'], 'the timeline shows where it stopped')
  const { rows: events } = await app.db.pool.query("SELECT detail FROM order_events WHERE order_id = $1 AND status = 'needs_attention'", [order.orderId])
  t.same(events.map((e) => e.detail), [{ reason: stored.status_reason, attempts: 2 }], 'the event carries the reason and the attempts')

  const stats = await sandboxStats(simulator)
  // Each attempt tries the step four times (one call for both consignments); every try but the very
  // first finds both left Allocating and reads them from PRO before allocating again.
  t.equal(stats.counts.allocate, 8, 'four tries of one allocation call in each of the two attempts')
  t.equal(stats.counts.getConsignment, 14, 'each try after the first read both consignments left Allocating')
  t.equal(stats.counts.pack, 2, 'the second attempt did not pack again')
  t.same(stats.duplicates, { orders: 0, consignments: 0, allocations: 0, manifests: 0 }, 'nothing done twice')
  t.ok(Object.values(stats.consignments).every((c) => c.state === 'Unallocated'), 'PRO holds both consignments unallocated')

  const { rows: jobs } = await app.db.pool.query("SELECT name, state, retry_count FROM pgboss.job WHERE name LIKE 'fulfil-order%' ORDER BY name")
  t.same(jobs, [
    { name: 'fulfil-order', state: 'failed', retry_count: 1 },
    { name: 'fulfil-order-failed', state: 'completed', retry_count: 0 }
  ], 'the job failed for good after its second attempt (no retry pending), and its dead letter flagged the order')
})
