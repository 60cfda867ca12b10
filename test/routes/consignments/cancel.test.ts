import t from 'tap'
import { buildStaffApp, domesticConsignment, labelledConsignment, simulator, staff } from './helpers.js'

t.test('cancelling an allocated consignment deallocates it, then cancels it in PRO; then nothing else is allowed', async (t) => {
  const app = await buildStaffApp(t)
  const reference = await labelledConsignment(app, 'CC-CANCEL-1')

  const cancelled = await staff(app, 'DELETE', `/consignments/${reference}`)
  t.equal(cancelled.statusCode, 200, cancelled.body)
  t.equal(cancelled.json().state, 'Cancelled')
  const cancelledInPro = await simulator(app)
  t.equal(cancelledInPro.consignments[reference]?.state, 'Cancelled')
  t.match(cancelledInPro.counts, { deallocate: 1, cancel: 1 }, 'deallocated first, as PRO asks, then cancelled')

  const again = await staff(app, 'DELETE', `/consignments/${reference}`)
  t.equal(again.statusCode, 409)
  t.match(again.json(), { code: 'CONFLICT', state: 'Cancelled' })
  const label = await staff(app, 'GET', `/consignments/${reference}/label?format=png`)
  t.equal(label.statusCode, 409)
  t.equal(label.json().code, 'NOT_ALLOCATED')
  const quote = await staff(app, 'GET', `/consignments/${reference}/quotes`)
  t.match(quote.json(), { code: 'CONFLICT', state: 'Cancelled' })

  const run = await staff(app, 'POST', '/manifests')
  t.same(run.json().batches, [], 'a cancelled consignment is not manifested')
  t.equal((await simulator(app)).counts.manifest, 0)
})

t.test('a consignment PRO already cancelled is recorded as cancelled; one in flight is refused with its state', async (t) => {
  const app = await buildStaffApp(t)
  const { reference } = (await staff(app, 'POST', '/consignments', domesticConsignment('CC-CANCEL-2'))).json()
  await app.pro.cancelConsignment(reference)
  const cancelled = await staff(app, 'DELETE', `/consignments/${reference}`)
  t.equal(cancelled.statusCode, 200, 'PRO refused, and its own state says it is cancelled')
  t.equal(cancelled.json().state, 'Cancelled')

  const second = (await staff(app, 'POST', '/consignments', domesticConsignment('CC-CANCEL-3'))).json()
  await app.db.pool.query("UPDATE consignments SET state = 'Allocating' WHERE reference = $1", [second.reference])
  const refused = await staff(app, 'DELETE', `/consignments/${second.reference}`)
  t.equal(refused.statusCode, 409)
  t.match(refused.json(), { code: 'CONFLICT', state: 'Allocating' })
})

t.test('a manifested consignment is not cancelled: 409 ALREADY_MANIFESTED, PRO not asked', async (t) => {
  const app = await buildStaffApp(t)
  const reference = await labelledConsignment(app, 'CC-CANCEL-4')
  t.equal((await staff(app, 'POST', '/manifests')).statusCode, 200)
  t.equal((await simulator(app)).consignments[reference]?.state, 'Manifested')

  const refused = await staff(app, 'DELETE', `/consignments/${reference}`)
  t.equal(refused.statusCode, 409)
  t.match(refused.json(), { code: 'ALREADY_MANIFESTED', state: 'Manifested' })
  const stats = await simulator(app)
  t.equal(stats.counts.cancel, 0, 'PRO was not asked to cancel')
  t.equal(stats.counts.deallocate, 0, 'nor to deallocate')
  t.equal(stats.consignments[reference]?.state, 'Manifested')
})
