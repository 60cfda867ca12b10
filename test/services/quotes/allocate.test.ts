import { randomUUID } from 'node:crypto'
import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../helpers/app.js'
import { ProRejectedError, ProTimeoutError } from '../../../src/services/pro/errors.js'
import type { AllocationResult } from '../../../src/services/pro/readers.js'
import { allocateWithQuote } from '../../../src/services/quotes/allocate.js'
import type { QuotesDeps } from '../../../src/services/quotes/deps.js'
import * as consignments from '../../../src/services/store/consignments.js'
import * as staff from '../../../src/services/store/staff-consignments.js'

const silent = { debug () {}, info () {}, warn () {}, error () {} }
const QUOTE = '11111111-2222-3333-4444-555555555555'
const NOW = new Date('2026-11-23T10:00:00Z')

let app: FastifyInstance
t.before(async () => { app = await buildApp(t) })

/** A staff consignment as the create and quotes services leave it. */
async function seeded (reference: string, quoteExpiresAt = '2026-11-23T10:30:00+00:00'): Promise<string> {
  const intentKey = `staff:${reference}`
  await consignments.recordIntent(app.db.pool, {
    id: randomUUID(), intentKey, orderId: null, source: 'staff', shippingLocation: 'EDC5_Electio',
    details: { request: { reference: intentKey, destination: {} }, requestHash: 'h', international: false }
  })
  await consignments.recordCreated(app.db.pool, intentKey, reference)
  await staff.addQuotes(app.db.pool, reference, {
    [QUOTE]: { quoteReference: QUOTE, serviceReference: 'MPD_RMT48', carrier: 'Royal Mail', service: 'Tracked 48', price: { net: '4.00', gross: '4.80', tax: '0.80', currency: 'GBP' }, expiresAt: quoteExpiresAt }
  }, new Date('2026-11-23T09:00:00Z'))
  return reference
}

function deps (allocate: () => Promise<AllocationResult[]>, enqueued: string[] = []): QuotesDeps {
  const unused = async () => { throw new Error('not expected in this test') }
  return {
    pool: app.db.pool,
    pro: {
      allocateWithQuote: allocate,
      getConsignment: async (reference: string) => ({ Reference: reference, ConsignmentState: 'Unallocated' }),
      createConsignment: unused, findConsignmentReferences: unused, quotesForConsignment: unused, label: unused, customsDocuments: unused, cancelConsignment: unused
    },
    jobs: { enqueueLabelling: async (_client, id) => { enqueued.push(id) } },
    now: () => NOW,
    originCountry: 'GB',
    claimTimeoutMs: 30_000,
    duplicateWaitMs: 300,
    log: silent
  }
}

const stateOf = async (reference: string) => (await consignments.findByReference(app.db.pool, reference))?.state

t.test('PRO\'s own quote errors answer QUOTE_EXPIRED / QUOTE_NOT_FOUND and free the consignment', async (t) => {
  for (const [proCode, status, code] of [['QuoteExpired', 400, 'QUOTE_EXPIRED'], ['QuoteNotFound', 404, 'QUOTE_NOT_FOUND'], [undefined, 404, 'QUOTE_NOT_FOUND']] as const) {
    const reference = await seeded(`EC-QTE-${String(status)}-${proCode?.slice(5, 8) ?? 'NON'}`.toUpperCase())
    const rejected = deps(async () => { throw new ProRejectedError('allocate', status, proCode === undefined ? undefined : { Code: proCode }) })
    await t.rejects(allocateWithQuote(rejected, reference, QUOTE), { code }, `${proCode ?? 'a bare 404'} → ${code}`)
    t.equal(await stateOf(reference), 'Unallocated')
  }
})

t.test('PRO failing the allocation records AllocationFailed and answers ALLOCATION_FAILED', async (t) => {
  const reference = await seeded('EC-ALF-000-001')
  const failing = deps(async () => { throw new ProRejectedError('allocate', 400, { Code: 'AllocationFailed' }) })
  await t.rejects(allocateWithQuote(failing, reference, QUOTE), { code: 'ALLOCATION_FAILED', extensions: { state: 'AllocationFailed' } })
  t.equal(await stateOf(reference), 'AllocationFailed')
})

t.test('an unknown outcome keeps the claim, so a retry settles it with PRO instead of allocating again', async (t) => {
  const reference = await seeded('EC-UNK-000-001')
  let calls = 0
  const timingOut = deps(async () => { calls++; throw new ProTimeoutError('allocate', 'headers') })
  await t.rejects(allocateWithQuote(timingOut, reference, QUOTE), { code: 'UPSTREAM_UNAVAILABLE' })
  t.equal(await stateOf(reference), 'Allocating')
  await t.rejects(allocateWithQuote(timingOut, reference, QUOTE), { code: 'OPERATION_IN_PROGRESS' }, 'within the lease, a retry waits and gives up')
  t.equal(calls, 1, 'PRO was called once')
})

t.test('a successful allocation is recorded with its quote and queues the label job', async (t) => {
  const reference = await seeded('EC-OKK-000-001')
  const enqueued: string[] = []
  const summary = { CarrierName: 'Royal Mail', CarrierServiceName: 'Tracked 48', CarrierServiceReference: 'MPD_RMT48', ConsignmentLegs: [{ TrackingReferences: ['RM1GB'] }] }
  const allocating = deps(async () => [{ consignmentReference: reference, summary }], enqueued)
  const outcome = await allocateWithQuote(allocating, reference, QUOTE)
  t.equal(outcome.replayed, false)
  t.match(outcome.view, { state: 'Allocated', trackingReferences: ['RM1GB'], allocation: { quoteReference: QUOTE, carrier: 'Royal Mail', allocatedAt: NOW.toISOString(), price: { gross: '4.80' } } })
  const row = await consignments.findByReference(app.db.pool, reference)
  t.same(enqueued, [row!.id])
  t.match(row, { carrier: 'Royal Mail', serviceReference: 'MPD_RMT48', trackingNumbers: ['RM1GB'] })
})

t.test('an expired quote is refused by the clock, before PRO', async (t) => {
  const reference = await seeded('EC-EXP-000-001', '2026-11-23T09:59:59+00:00')
  await t.rejects(allocateWithQuote(deps(async () => { throw new Error('PRO must not be called') }), reference, QUOTE), { code: 'QUOTE_EXPIRED' })
})
