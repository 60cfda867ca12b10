import { randomUUID } from 'node:crypto'
import t, { type Test } from 'tap'
import { freshDatabaseUrl, silentLog } from '../../helpers/database.js'
import { domesticConsignment } from '../../routes/consignments/helpers.js'
import { Clock } from '../../sandbox/helper.js'
import { startSimulator, type Simulated } from '../pro/simulator.js'
import type { CreateConsignment, StaffQuote } from '../../../src/schemas/consignments.js'
import { ProRejectedError } from '../../../src/services/pro/errors.js'
import { readers } from '../../../src/services/pro/readers.js'
import { allocateWithQuote } from '../../../src/services/quotes/allocate.js'
import { createStaffConsignment } from '../../../src/services/quotes/create.js'
import type { QuotesDeps } from '../../../src/services/quotes/deps.js'
import { quoteConsignment } from '../../../src/services/quotes/quotes.js'
import { openDatabase, type Database } from '../../../src/services/store/database.js'
import * as consignments from '../../../src/services/store/consignments.js'
import * as staff from '../../../src/services/store/staff-consignments.js'

/* The allocation service against the PRO simulator, on a clock of the simulator's own. */

let db: Database
t.before(async () => {
  db = await openDatabase({ databaseUrl: await freshDatabaseUrl(t), dataDir: '', poolMax: 8, logger: silentLog })
})
t.teardown(async () => { await db.close() })

interface SetUp { simulator: Simulated, proClock: Clock, deps: QuotesDeps, enqueued: string[] }

async function setUp (t: Test): Promise<SetUp> {
  const proClock = new Clock()
  const simulator = await startSimulator(t, { sandbox: { now: proClock.now } })
  const enqueued: string[] = []
  const deps: QuotesDeps = {
    pool: db.pool,
    pro: simulator.client,
    jobs: { enqueueLabelling: async (_client, id) => { enqueued.push(id) } },
    now: proClock.now,
    originCountry: 'GB',
    contactTitle: 'Mx',
    claimTimeoutMs: 30_000,
    duplicateWaitMs: 300,
    log: silentLog
  }
  return { simulator, proClock, deps, enqueued }
}

/** A staff consignment created in the simulator and quoted there, as the routes leave it. */
async function quoted (deps: QuotesDeps, customerReference: string): Promise<{ reference: string, quotes: StaffQuote[] }> {
  const { view } = await createStaffConsignment(deps, domesticConsignment(customerReference) as CreateConsignment)
  return { reference: view.reference, quotes: (await quoteConsignment(deps, view.reference)).quotes }
}

const stateOf = async (reference: string) => (await consignments.findByReference(db.pool, reference))?.state

async function proStateOf (simulator: Simulated, reference: string): Promise<string | undefined> {
  return (await simulator.stats()).consignments[reference]?.state
}

/** Keeps a quote PRO handed out under the reference `as`, as if it had been handed out for `reference`. */
async function storeQuoteAs (deps: QuotesDeps, reference: string, quote: StaffQuote, as: string): Promise<void> {
  await staff.addQuotes(db.pool, reference, { [as.toLowerCase()]: { ...quote, quoteReference: as } }, deps.now())
}

t.test('PRO refusing the quote answers QUOTE_NOT_FOUND / QUOTE_EXPIRED and frees the consignment in both records', async (t) => {
  const { simulator, proClock, deps } = await setUp(t)
  const mine = await quoted(deps, 'CC-ALLOC-REFUSED-1')
  const other = await quoted(deps, 'CC-ALLOC-REFUSED-2')

  const unknown = randomUUID()
  await storeQuoteAs(deps, mine.reference, mine.quotes[0]!, unknown)
  await t.rejects(allocateWithQuote(deps, mine.reference, unknown), { code: 'QUOTE_NOT_FOUND' }, 'a quote PRO never made (QuoteNotFound)')
  t.equal(await stateOf(mine.reference), 'Unallocated')

  const othersQuote = other.quotes[0]!.quoteReference
  await storeQuoteAs(deps, mine.reference, other.quotes[0]!, othersQuote)
  await t.rejects(allocateWithQuote(deps, mine.reference, othersQuote), { code: 'QUOTE_NOT_FOUND' }, 'a quote of another consignment (QuoteConsignmentMismatch)')
  t.equal(await stateOf(mine.reference), 'Unallocated')

  // PRO's clock runs past the quote's expiry while ours still has it valid.
  const quote = mine.quotes[0]!
  proClock.set(new Date(Date.parse(quote.expiresAt!) + 1000))
  const lagging = { ...deps, now: () => new Date(Date.parse(quote.expiresAt!) - 60_000) }
  await t.rejects(allocateWithQuote(lagging, mine.reference, quote.quoteReference), { code: 'QUOTE_EXPIRED' }, 'PRO\'s QuoteExpired')
  t.equal(await stateOf(mine.reference), 'Unallocated')

  t.equal((await simulator.stats()).counts.allocate, 3, 'each refusal came from PRO')
  t.equal(await proStateOf(simulator, mine.reference), 'Unallocated')
})

t.test('a 404 without a PRO code is read as the quote being gone', async (t) => {
  const { deps } = await setUp(t)
  const { reference, quotes } = await quoted(deps, 'CC-ALLOC-BARE-404')
  const bare404 = { ...deps, pro: { ...deps.pro, allocateWithQuote: async () => { throw new ProRejectedError('allocate', 404, undefined) } } }
  await t.rejects(allocateWithQuote(bare404, reference, quotes[0]!.quoteReference), { code: 'QUOTE_NOT_FOUND' })
  t.equal(await stateOf(reference), 'Unallocated')
})

t.test('a refusal PRO recorded as AllocationFailed answers ALLOCATION_FAILED, whatever its code', async (t) => {
  const { deps } = await setUp(t)
  const { reference, quotes } = await quoted(deps, 'CC-ALLOC-FAILED')
  // The simulator never fails a quote it just made: this PRO refuses with a code we do not know and records AllocationFailed.
  const failing = {
    ...deps,
    pro: {
      ...deps.pro,
      allocateWithQuote: async () => { throw new ProRejectedError('allocate', 400, { Code: 'SomeInternalCode' }) },
      getConsignment: async (ref: string) => ({ ...await deps.pro.getConsignment(ref), ConsignmentState: 'AllocationFailed' })
    }
  }
  await t.rejects(allocateWithQuote(failing, reference, quotes[0]!.quoteReference), { code: 'ALLOCATION_FAILED', extensions: { state: 'AllocationFailed' } })
  t.equal(await stateOf(reference), 'AllocationFailed')
})

t.test('PRO\'s error code is only a hint: a refused quote far from its expiry is not called expired', async (t) => {
  const { simulator, deps } = await setUp(t)
  const { reference, quotes } = await quoted(deps, 'CC-ALLOC-HINT')
  const refusing = { ...deps, pro: { ...deps.pro, allocateWithQuote: async () => { throw new ProRejectedError('allocate', 400, { Code: 'QuoteExpired' }) } } }
  await t.rejects(allocateWithQuote(refusing, reference, quotes[0]!.quoteReference), { code: 'QUOTE_NOT_FOUND' }, 'the quote has 30 minutes left by our clock')
  t.equal(await stateOf(reference), 'Unallocated', 'PRO\'s record is unchanged, and so is ours')
  t.equal(await proStateOf(simulator, reference), 'Unallocated')
})

/** An allocation answer read by the client's own reader, as if PRO had sent `entries`. */
const answering = (deps: QuotesDeps, entries: unknown[]): QuotesDeps =>
  ({ ...deps, pro: { ...deps.pro, allocateWithQuote: async () => readers.allocation.read(entries) } })

const failedEntry = (reference: string) => ({
  StatusCode: 400,
  ApiLinks: [{ Rel: 'detail', Href: `https://api.electioapp.com/consignments/${reference}` }],
  Description: `Consignment ${reference} could not be allocated`,
  ConsignmentLegs: null,
  CarrierReference: null,
  CarrierName: null,
  CarrierServiceReference: null,
  CarrierServiceName: null
})

t.test('a failed entry inside a 200 answer is ALLOCATION_FAILED, not an allocation', async (t) => {
  const { deps, enqueued } = await setUp(t)
  const { reference, quotes } = await quoted(deps, 'CC-ALLOC-ENTRY')
  await t.rejects(allocateWithQuote(answering(deps, [failedEntry(reference)]), reference, quotes[0]!.quoteReference), { code: 'ALLOCATION_FAILED' })
  t.equal(await stateOf(reference), 'AllocationFailed')
  t.same(enqueued, [], 'no label job')
})

t.test('an answer about another consignment is not taken for this one', async (t) => {
  const { deps, enqueued } = await setUp(t)
  const { reference, quotes } = await quoted(deps, 'CC-ALLOC-OTHER')
  const other = { ...failedEntry('EC-000-0OT-HER'), StatusCode: 200, ConsignmentLegs: [{ Leg: 1, TrackingReferences: ['TRK-1'], CarrierName: 'Carrier X' }], CarrierName: 'Carrier X' }
  await t.rejects(allocateWithQuote(answering(deps, [other]), reference, quotes[0]!.quoteReference), { code: 'UPSTREAM_INVALID_RESPONSE' })
  t.not(await stateOf(reference), 'Allocated')
  t.same(enqueued, [])
})

t.test('an unknown outcome keeps the claim; after the lease a retry reads PRO and records what PRO did, without allocating again', async (t) => {
  const { simulator, deps, enqueued } = await setUp(t)
  const { reference, quotes } = await quoted(deps, 'CC-ALLOC-LOST')
  const chosen = quotes[0]!
  // PRO allocates, then its answer is lost (a 500 after the fact).
  await simulator.setFaults({ operations: { allocate: { lostResponseRate: 1 } } })
  await t.rejects(allocateWithQuote(deps, reference, chosen.quoteReference), { code: 'UPSTREAM_UNAVAILABLE' })
  await simulator.setFaults({})
  t.equal(await stateOf(reference), 'Allocating', 'the claim is kept')
  t.equal(await proStateOf(simulator, reference), 'Allocated', 'PRO did allocate')

  await t.rejects(allocateWithQuote(deps, reference, chosen.quoteReference), { code: 'OPERATION_IN_PROGRESS' }, 'within the lease, a retry waits and gives up')
  const readsBefore = (await simulator.stats()).counts.getConsignment

  await db.pool.query("UPDATE consignments SET updated_at = now() - interval '5 minutes' WHERE reference = $1", [reference])
  const settled = await allocateWithQuote(deps, reference, chosen.quoteReference)
  const stats = await simulator.stats()
  const inPro = stats.consignments[reference]
  t.equal(stats.counts.getConsignment, readsBefore + 1, 'PRO was read once')
  t.equal(stats.counts.allocate, 1, 'PRO was asked to allocate once')
  t.equal(stats.duplicates.allocations, 0)
  t.equal(settled.view.state, 'Allocated')
  t.strictSame(settled.view.trackingReferences, inPro.trackingNumbers, 'PRO\'s tracking number')
  t.equal(inPro.trackingNumbers.length, 1, 'one package, one tracking number')
  t.match(settled.view.allocation, { quoteReference: chosen.quoteReference, serviceReference: inPro.service, price: chosen.price })
  t.same(enqueued, [(await consignments.findByReference(db.pool, reference))!.id], 'the label job is queued once')
})

t.test('a successful allocation is recorded with its quote and PRO\'s tracking, and queues the label job', async (t) => {
  const { simulator, deps, enqueued } = await setUp(t)
  const { reference, quotes } = await quoted(deps, 'CC-ALLOC-OK')
  const chosen = quotes[1]!
  const outcome = await allocateWithQuote(deps, reference, chosen.quoteReference)
  const inPro = (await simulator.stats()).consignments[reference]
  t.equal(inPro.state, 'Allocated')
  t.equal(inPro.service, chosen.serviceReference, 'PRO allocated the quoted service')
  t.equal(outcome.replayed, false)
  t.equal(outcome.view.state, 'Allocated')
  t.strictSame(outcome.view.trackingReferences, inPro.trackingNumbers)
  t.match(outcome.view.allocation, { quoteReference: chosen.quoteReference, carrier: chosen.carrier, allocatedAt: '2025-06-02T09:00:00.000Z', price: chosen.price })
  const row = await consignments.findByReference(db.pool, reference)
  t.same(enqueued, [row!.id])
  t.match(row, { state: 'Allocated', serviceReference: chosen.serviceReference })
  t.strictSame(row!.trackingNumbers, inPro.trackingNumbers)

  const again = await allocateWithQuote(deps, reference, chosen.quoteReference)
  t.equal(again.replayed, true, 'the same quote again answers the allocation made')
  t.equal((await simulator.stats()).counts.allocate, 1, 'without asking PRO')
})

t.test('a quote expired by our clock is refused before PRO is asked', async (t) => {
  const { simulator, deps } = await setUp(t)
  const { reference, quotes } = await quoted(deps, 'CC-ALLOC-EXPIRED')
  const quote = quotes[0]!
  const later = { ...deps, now: () => new Date(Date.parse(quote.expiresAt!) + 1000) }
  await t.rejects(allocateWithQuote(later, reference, quote.quoteReference), { code: 'QUOTE_EXPIRED' })
  t.equal((await simulator.stats()).counts.allocate, 0)
  t.equal(await stateOf(reference), 'Unallocated')
})
