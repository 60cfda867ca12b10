import t from 'tap'
import { buildApp } from '../../helpers/app.js'
import { NEVER_CRON, placeOrder } from '../../helpers/pipeline.js'
import { advanceOrder, markNeedsAttention } from '../../../src/services/fulfilment/order-progress.js'
import { inTransaction } from '../../../src/services/store/transaction.js'

t.test('statuses only move forward: a stale flag or step never moves a labelled order back', async (t) => {
  const app = await buildApp(t, { WORKERS: 'off', MANIFEST_CRON: NEVER_CRON })
  const pool = app.db.pool
  const order = await placeOrder(app, { n: 1, locations: ['EDC5_Electio'] })
  const write = <T>(work: Parameters<typeof inTransaction<T>>[1]) => inTransaction(pool, work)
  const status = async () => (await pool.query('SELECT status FROM orders WHERE id = $1', [order.orderId])).rows[0].status

  t.equal(await advanceOrder(write, order.orderId, 'packed'), true)
  t.equal(await advanceOrder(write, order.orderId, 'labelled'), true)
  t.equal(await markNeedsAttention(pool, order.orderId, 'a stale pass gave up', 8), false, 'a labelled order is not flagged')
  t.equal(await advanceOrder(write, order.orderId, 'allocated'), false, 'nor moved back a step')
  t.equal(await status(), 'labelled')
  const { rows } = await pool.query('SELECT status FROM order_events WHERE order_id = $1 ORDER BY id', [order.orderId])
  t.same(rows.map((row) => row.status), ['accepted', 'packed', 'labelled'], 'the timeline has no entry for what did not happen')
})
