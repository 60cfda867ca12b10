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
  await t.rejects(cancelStaffConsignment(refusing, reference), { code: 'CONFLICT', extensions: { state: 'InTransit' } })
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
