import t from 'tap'
import { OPERATIONS } from '../../../src/sandbox/operations.js'
import { allocatedConsignment, pro, startSandbox, stats } from '../helper.js'

t.test('stats start with a zero count for every operation', async t => {
  const { app } = await startSandbox(t)
  const initial = await stats(app)
  t.same(Object.keys(initial.counts).sort(), [...OPERATIONS].sort())
  t.ok(Object.values(initial.counts).every(count => count === 0))
  t.same(initial.duplicates, { orders: 0, consignments: 0, allocations: 0, manifests: 0 })
  t.ok(initial.shippingLocations.includes('EDC5_Electio'))
  t.ok(initial.shippingLocations.includes('WH_BRISTOL'))
  t.same(initial.orders, {})
  t.same(initial.consignments, {})
})

t.test('faults can be set, shown and cleared; bad settings are refused', async t => {
  const { app } = await startSandbox(t)
  const settings = { latencyMs: 10, errorRate: 0.25, operations: { allocate: { hangRate: 0.5 } } }
  const put = await app.inject({ method: 'PUT', url: '/_sandbox/faults', payload: settings })
  t.equal(put.statusCode, 200)
  t.same(put.json(), settings)
  t.same((await app.inject({ method: 'GET', url: '/_sandbox/faults' })).json(), settings)

  for (const bad of [{ errorRate: 1.5 }, { latencyMs: -1 }, { errorrate: 0.1 }, { operations: { teleport: { errorRate: 1 } } }, 'slow']) {
    const refused = await app.inject({ method: 'PUT', url: '/_sandbox/faults', payload: JSON.stringify(bad), headers: { 'content-type': 'application/json' } })
    t.equal(refused.statusCode, 400, JSON.stringify(bad))
    t.equal(refused.json().Code, 'InvalidFaultSettings')
  }
  t.same((await app.inject({ method: 'GET', url: '/_sandbox/faults' })).json(), settings, 'a refused update changes nothing')

  t.equal((await app.inject({ method: 'DELETE', url: '/_sandbox/faults' })).statusCode, 204)
  t.same((await app.inject({ method: 'GET', url: '/_sandbox/faults' })).json(), {})
})

t.test('reset clears state, counts, duplicates and faults', async t => {
  const { app } = await startSandbox(t)
  const reference = await allocatedConsignment(app)
  await pro(app, 'PUT', '/allocation/allocate', { ConsignmentReferences: [reference] })
  await app.inject({ method: 'PUT', url: '/_sandbox/faults', payload: { errorRate: 1 } })
  const before = await stats(app)
  t.equal(before.duplicates.allocations, 1)
  t.equal(before.counts.allocate, 2)

  t.equal((await app.inject({ method: 'POST', url: '/_sandbox/reset' })).statusCode, 204)
  const after = await stats(app)
  t.same(after.consignments, {})
  t.equal(after.counts.allocate, 0)
  t.equal(after.duplicates.allocations, 0)
  t.same((await app.inject({ method: 'GET', url: '/_sandbox/faults' })).json(), {})
  t.equal((await pro(app, 'GET', `/consignments/${reference}`)).status, 404)
})

t.test('an unknown PRO path is a PRO-shaped 404', async t => {
  const { app } = await startSandbox(t)
  const response = await pro(app, 'GET', '/nothing/here')
  t.equal(response.status, 404)
  t.equal(response.body.Code, 'ResourceNotFound')
})
