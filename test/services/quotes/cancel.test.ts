import { randomUUID } from 'node:crypto'
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../helpers/app.js'
import { ProRejectedError, ProTimeoutError } from '../../../src/services/pro/errors.js'
import { cancelStaffConsignment } from '../../../src/services/quotes/cancel.js'
import type { ProClient } from '../../../src/services/pro/client.js'
import type { QuotesDeps } from '../../../src/services/quotes/deps.js'
import * as consignments from '../../../src/services/store/consignments.js'

const silent = { debug () {}, info () {}, warn () {}, error () {} }

let app: FastifyInstance
t.before(async () => { app = await buildApp(t) })

async function seeded (reference: string): Promise<string> {
  const intentKey = `staff:${reference}`
  await consignments.recordIntent(app.db.pool, {
    id: randomUUID(), intentKey, orderId: null, source: 'staff', shippingLocation: 'EDC5_Electio',
    details: { request: { reference, destination: {} }, requestHash: 'h', international: false }
  })
  await consignments.recordCreated(app.db.pool, intentKey, reference)
  return reference
}

function deps (cancel: () => Promise<void>, proState: string): QuotesDeps {
  const unused = async () => { throw new Error('not expected in this test') }
  const pro: QuotesDeps['pro'] = {
    cancelConsignment: cancel,
    deallocateConsignment: async () => { throw new Error('not expected in this test') },
    getConsignment: async (reference: string) => ({ Reference: reference, ConsignmentState: proState }),
    createConsignment: unused, findConsignmentReferences: unused, quotesForConsignment: unused, allocateWithQuote: unused, label: unused, customsDocuments: unused,
    within: () => pro as ProClient
  }
  return {
    pool: app.db.pool,
    pro,
    jobs: { enqueueLabelling: unused },
    now: () => new Date(),
    originCountry: 'GB',
    contactTitle: 'Mx',
    claimTimeoutMs: 30_000,
    duplicateWaitMs: 300,
    log: silent
  }
}

t.test('PRO refusing the cancel is a 409 with the state PRO reports, which is recorded', async (t) => {
  const reference = await seeded('EC-CNR-000-001')
  const refusing = deps(async () => { throw new ProRejectedError('cancel', 400, { Code: 'InvalidConsignmentState' }) }, 'InTransit')
  await t.rejects(cancelStaffConsignment(refusing, reference), { code: 'ALREADY_MANIFESTED', extensions: { state: 'InTransit' } }, 'PRO says the carrier has it')
  t.equal((await consignments.findByReference(app.db.pool, reference))?.state, 'InTransit')
})

t.test('a cancel whose answer was lost is settled by reading PRO', async (t) => {
  const reference = await seeded('EC-CNL-000-001')
  const lost = deps(async () => { throw new ProTimeoutError('cancel', 'headers') }, 'Cancelled')
  const view = await cancelStaffConsignment(lost, reference)
  t.equal(view.state, 'Cancelled')

  const other = await seeded('EC-CNL-000-002')
  const notDone = deps(async () => { throw new ProTimeoutError('cancel', 'headers') }, 'Unallocated')
  await t.rejects(cancelStaffConsignment(notDone, other), { code: 'UPSTREAM_UNAVAILABLE' })
  t.equal((await consignments.findByReference(app.db.pool, other))?.state, 'Unallocated', 'left as PRO has it, free to cancel again')
})

t.test('a cancel a crash left Cancelling on an allocated consignment asks PRO, deallocates, then cancels', async (t) => {
  const reference = await seeded('EC-CNC-000-001')
  await app.db.pool.query("UPDATE consignments SET state = 'Cancelling', updated_at = now() - interval '1 minute' WHERE reference = $1", [reference])
  const calls: string[] = []
  const resumed = deps(async () => { calls.push('cancel') }, 'Allocated')
  resumed.pro = {
    ...resumed.pro,
    getConsignment: async (ref: string) => { calls.push('read'); return { Reference: ref, ConsignmentState: 'Allocated' } },
    deallocateConsignment: async () => { calls.push('deallocate') }
  }
  const view = await cancelStaffConsignment(resumed, reference)
  t.equal(view.state, 'Cancelled')
  t.same(calls, ['read', 'deallocate', 'cancel'])
})

t.test('a deallocation whose answer was lost counts once PRO shows the consignment unallocated', async (t) => {
  const reference = await seeded('EC-CND-000-001')
  await app.db.pool.query("UPDATE consignments SET state = 'Allocated' WHERE reference = $1", [reference])
  const calls: string[] = []
  const lost = deps(async () => { calls.push('cancel') }, 'Unallocated')
  lost.pro = { ...lost.pro, deallocateConsignment: async () => { calls.push('deallocate'); throw new ProTimeoutError('deallocate', 'headers') } }
  const view = await cancelStaffConsignment(lost, reference)
  t.equal(view.state, 'Cancelled')
  t.same(calls, ['deallocate', 'cancel'])
})
