import t from 'tap'
import { buildApp } from '../../helpers/app.js'
import { NEVER_CRON, placeOrder, sandboxStats, setSandboxFaults } from '../../helpers/pipeline.js'
import { fulfilOrder } from '../../../src/services/fulfilment/fulfil-order.js'

const nothingTwice = { orders: 0, consignments: 0, allocations: 0, manifests: 0 }

t.test('two fulfilment passes started together on one order: one works, the other leaves it alone; packed and allocated once', async (t) => {
  const app = await buildApp(t, { WORKERS: 'off', MANIFEST_CRON: NEVER_CRON })
  const simulator = app.proSimulator!
  const order = await placeOrder(app, { n: 1, locations: ['EDC5_Electio', 'WH_BRISTOL'] })
  await setSandboxFaults(simulator, { operations: { pack: { latencyMs: 800 } } })

  const first = fulfilOrder(app.fulfilment.deps, order.orderId)
  await new Promise((resolve) => setTimeout(resolve, 100))
  const second = fulfilOrder(app.fulfilment.deps, order.orderId)
  const outcomes = await Promise.all([first, second])
  t.same(outcomes.sort(), ['busy', 'done'], 'one pass ran, the other found it under way')

  const stats = await sandboxStats(simulator)
  t.equal(stats.counts.pack, 2, 'one pack per warehouse')
  t.equal(stats.counts.allocate, 1, 'allocated once')
  t.same(stats.duplicates, nothingTwice)
  const { rows: [stored] } = await app.db.pool.query('SELECT status FROM orders WHERE id = $1', [order.orderId])
  t.equal(stored.status, 'labelled')
})
