import { randomUUID } from 'node:crypto'
import t, { type Test } from 'tap'
import { freshDatabaseUrl, silentLog } from '../../helpers/database.js'
import { harness, json, rejection } from '../pro/harness.js'
import { scriptedRandom, startSimulator } from '../pro/simulator.js'
import { shipmentRequest } from '../../sandbox/helper.js'
import { AllocationFailedError, allocateConsignments } from '../../../src/services/fulfilment/allocate-step.js'
import { unfencedStep, type StepDeps } from '../../../src/services/fulfilment/deps.js'
import { isTransient } from '../../../src/services/fulfilment/step-retry.js'
import * as consignments from '../../../src/services/store/consignments.js'
import { openDatabase, type Database } from '../../../src/services/store/database.js'

/* The allocate step against PRO answers the simulator does not give by default, served by a mock PRO. */

let db: Database
t.before(async () => {
  db = await openDatabase({ databaseUrl: await freshDatabaseUrl(t), dataDir: '', poolMax: 4, logger: silentLog })
})
t.teardown(async () => { await db.close() })

const HOST = 'https://api.electioapp.com'

/** A consignment row as the pack step leaves it, in `state`. */
async function packed (reference: string, state = 'Unallocated'): Promise<consignments.ConsignmentRow> {
  const intentKey = `test:${randomUUID()}`
  await consignments.recordIntent(db.pool, { id: randomUUID(), intentKey, orderId: null, source: 'checkout', shippingLocation: 'WH_BRISTOL', details: {} })
  await consignments.recordCreated(db.pool, intentKey, reference)
  if (state !== 'Unallocated') await consignments.recordState(db.pool, reference, state)
  return (await consignments.findByReference(db.pool, reference))!
}

const stateOf = async (reference: string) => (await consignments.findByReference(db.pool, reference))?.state

/** The vendor's Allocation Summary (allocation-summary.response.json) for `reference`. */
function summary (reference: string): Record<string, unknown> {
  return {
    StatusCode: 200,
    ApiLinks: [{ Rel: 'detail', Href: `${HOST}/consignments/${reference}` }, { Rel: 'label', Href: `${HOST}/labels/${reference}` }],
    Description: `Consignment ${reference} has been successfully allocated with Carrier X Next Day Super for shipping on 14/06/2019 17:00:00 +00:00`,
    ConsignmentLegs: [{ Leg: 1, TrackingReferences: [`TRK-${reference}`], CarrierReference: 'CARRIER_X', CarrierServiceReference: null, CarrierName: 'Carrier X' }],
    CarrierReference: 'CARRIER_X',
    CarrierName: 'Carrier X',
    CarrierServiceReference: 'CX_NDS',
    CarrierServiceName: 'Next Day Super'
  }
}

/** A failed entry: PRO's summary shape with a failing StatusCode and nothing allocated. */
function failedEntry (reference: string): Record<string, unknown> {
  return {
    StatusCode: 400,
    ApiLinks: [{ Rel: 'detail', Href: `${HOST}/consignments/${reference}` }],
    Description: `Consignment ${reference} could not be allocated`,
    ConsignmentLegs: null,
    CarrierReference: null,
    CarrierName: null,
    CarrierServiceReference: null,
    CarrierServiceName: null
  }
}

function setUp (t: Test) {
  const mock = harness(t)
  const deps: StepDeps = unfencedStep({
    pool: db.pool,
    pro: mock.client,
    log: silentLog,
    defaultShippingLocation: 'WH_BRISTOL',
    defaultParcel: { dimensionsCm: { length: 30, width: 20, height: 15 } },
    allocation: { kind: 'rules' },
    allocationFallback: null,
    labelFormat: 'PDF',
    originCountry: 'GB',
    passLeaseMs: 15_000,
    passTimeoutMs: 60_000
  })
  return { ...mock, deps }
}

t.test('a failed entry inside a 200 answer is a failed allocation of that consignment only', async (t) => {
  const { deps, pro } = setUp(t)
  const ok = await packed('EC-ALL-OK1-001')
  const failed = await packed('EC-ALL-BAD-001')
  pro.intercept({ path: '/allocation/allocate', method: 'PUT' }).reply(200, json([summary(ok.reference!), failedEntry(failed.reference!)]))
  const error = await rejection(allocateConsignments(deps, null, [ok, failed]))
  t.type(error, AllocationFailedError)
  t.same((error as AllocationFailedError).references, [failed.reference])
  t.equal(await stateOf(ok.reference!), 'Allocated')
  t.match(await consignments.findByReference(db.pool, ok.reference!), { carrier: 'Carrier X', trackingNumbers: ['TRK-EC-ALL-OK1-001'] })
  t.equal(await stateOf(failed.reference!), 'AllocationFailed', 'recorded as PRO reported it')
})

t.test('an entry with StatusCode 200 but no leg or no carrier did not allocate', async (t) => {
  const { deps, pro } = setUp(t)
  const noLegs = await packed('EC-ALL-NOL-001')
  const noCarrier = await packed('EC-ALL-NOC-001')
  const withoutCarrier = { ...summary(noCarrier.reference!), CarrierReference: null, CarrierName: null, ConsignmentLegs: [{ Leg: 1, TrackingReferences: [] }] }
  pro.intercept({ path: '/allocation/allocate', method: 'PUT' }).reply(200, json([{ ...summary(noLegs.reference!), ConsignmentLegs: [] }, withoutCarrier]))
  const error = await rejection(allocateConsignments(deps, null, [noLegs, noCarrier]))
  t.same((error as AllocationFailedError).references, [noLegs.reference, noCarrier.reference])
})

t.test('a failed consignment is looked up before it is allocated again', async (t) => {
  const { deps, pro } = setUp(t)
  const row = await packed('EC-ALL-AGN-001', 'AllocationFailed')
  const consignment = { Reference: row.reference, ConsignmentState: 'Allocated', ConsignmentLegs: [{ TrackingReferences: ['TRK-1'], CarrierName: 'Carrier X' }] }
  pro.intercept({ path: `/consignments/${row.reference!}`, method: 'GET' }).reply(200, json(consignment))
  await allocateConsignments(deps, null, [row])
  t.equal(await stateOf(row.reference!), 'Allocated', 'PRO had allocated it after all: recorded, not allocated again')
})

t.test('PRO still Allocating: no second allocation, and the step fails for a moment so it is tried later', async (t) => {
  const { deps, pro, agent } = setUp(t)
  const row = await packed('EC-ALL-ING-001', 'Allocating')
  pro.intercept({ path: `/consignments/${row.reference!}`, method: 'GET' }).reply(200, json({ Reference: row.reference, ConsignmentState: 'Allocating' }))
  // PRO would accept a second allocation here: the step must not ask for it.
  pro.intercept({ path: '/allocation/allocate', method: 'PUT' }).reply(200, json([summary(row.reference!)]))
  const error = await rejection(allocateConsignments(deps, null, [row]))
  t.ok(isTransient(error), `a transient failure: ${String(error)}`)
  t.equal(agent.pendingInterceptors().length, 1, 'PRO was not asked to allocate')
  t.equal(await stateOf(row.reference!), 'Allocating', 'still ours to look up next time')
})

t.test('every state past allocation found after an interruption is recorded as PRO has it, without allocating', async (t) => {
  const { deps, pro } = setUp(t)
  for (const state of ['DeliveryFailed', 'AtCustoms', 'ReturnToSender']) {
    const row = await packed(`EC-ALL-${state.slice(0, 3).toUpperCase()}-002`, 'Allocating')
    pro.intercept({ path: `/consignments/${row.reference!}`, method: 'GET' }).reply(200, json({ Reference: row.reference, ConsignmentState: state }))
    await allocateConsignments(deps, null, [row])
    t.equal(await stateOf(row.reference!), state)
  }
})

t.test('against the simulator: a booking the carrier declines fails that consignment only; the next try looks it up and allocates it', async (t) => {
  // The simulator rolls once per consignment allocated, in order: the first keeps, the second declines.
  const simulator = await startSimulator(t, { sandbox: { random: scriptedRandom(0.9, 0.1) } })
  const deps = { ...setUp(t).deps, pro: simulator.client }
  const { consignmentReference: kept } = await simulator.client.createConsignment(shipmentRequest())
  const { consignmentReference: declined } = await simulator.client.createConsignment(shipmentRequest())
  await simulator.setFaults({ operations: { allocate: { allocationFailureRate: 0.5 } } })
  const error = await rejection(allocateConsignments(deps, null, [await packed(kept), await packed(declined)]))
  t.same((error as AllocationFailedError).references, [declined])
  const inPro = (await simulator.stats()).consignments
  t.equal(inPro[kept].state, 'Allocated')
  t.equal(inPro[declined].state, 'AllocationFailed')
  t.equal(await stateOf(kept), 'Allocated')
  t.equal(await stateOf(declined), 'AllocationFailed')

  await simulator.setFaults({})
  const reads = (await simulator.stats()).counts.getConsignment ?? 0
  await allocateConsignments(deps, null, [(await consignments.findByReference(db.pool, declined))!])
  const stats = await simulator.stats()
  t.equal(stats.counts.getConsignment, reads + 1, 'looked up first')
  t.equal(stats.consignments[declined].state, 'Allocated')
  t.equal(await stateOf(declined), 'Allocated')
  t.equal(stats.duplicates.allocations, 0)
})
