import t from 'tap'
import { buildApp } from '../../helpers/app.js'
import { NEVER_CRON, manifestGroups, placeOrders, sandboxStats, waitForStatus } from '../../helpers/pipeline.js'

const STAFF_KEY = 'staff-key-manifest-1a2b3c4d5e6f7a8b'
const auth = { authorization: `Bearer ${STAFF_KEY}` }

t.test('POST /manifests manifests the labelled consignments in one batch per (warehouse, carrier)', async (t) => {
  const app = await buildApp(t, { STAFF_API_KEYS: STAFF_KEY, MANIFEST_CRON: NEVER_CRON })
  const pool = app.db.pool
  const placed = await placeOrders([app], [
    { n: 1, locations: ['EDC5_Electio'] },
    { n: 2, locations: ['EDC5_Electio', 'WH_BRISTOL'] },
    { n: 3, locations: ['WH_BRISTOL', 'Sorted1', 'EDC5_Electio'] }
  ])
  const ids = placed.map((order) => order.orderId)
  await waitForStatus(pool, ids, 'labelled', { timeoutMs: 60_000 })
  const groups = await manifestGroups(pool, ids)
  const before = await sandboxStats(app.proSimulator!)

  const response = await app.inject({ method: 'POST', url: '/manifests', headers: auth })
  t.equal(response.statusCode, 200, response.body)
  const run = response.json()
  t.equal(run.reconciled, 0)
  t.same(new Set(run.batches.map((b: { shippingLocation: string, carrier: string }) => `${b.shippingLocation}|${b.carrier}`)), groups, 'one batch per group')
  t.equal(run.batches.reduce((sum: number, b: { requested: number }) => sum + b.requested, 0), 6, 'all six consignments requested')
  t.ok(run.batches.every((b: { requested: number, manifested: number, failed: number }) => b.manifested === b.requested && b.failed === 0))

  const after = await sandboxStats(app.proSimulator!)
  t.equal(after.counts.manifest! - before.counts.manifest!, run.batches.length, 'one PRO manifest call per batch')
  await waitForStatus(pool, ids, 'manifested', { timeoutMs: 10_000 })
  const { rows } = await pool.query('SELECT reference, manifest_batch_id FROM consignments WHERE order_id = ANY($1::uuid[])', [ids])
  t.ok(rows.every((row) => run.batches.some((b: { batchId: string }) => b.batchId === row.manifest_batch_id)), 'each consignment records its batch')
  t.ok(rows.every((row) => after.consignments[row.reference]?.state === 'Manifested' && after.consignments[row.reference]?.manifestCount === 1), 'Manifested once in PRO')

  const again = await app.inject({ method: 'POST', url: '/manifests', headers: auth })
  t.same(again.json(), { skipped: false, reconciled: 0, batches: [] }, 'nothing is left for a second run')
})
