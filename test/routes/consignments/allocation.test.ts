import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildStaffApp, domesticConsignment, simulator, staff } from './helpers.js'

async function quotedConsignment (app: FastifyInstance, reference: string): Promise<{ reference: string, quotes: Array<{ quoteReference: string, serviceReference: string }> }> {
  const created = (await staff(app, 'POST', '/consignments', domesticConsignment(reference))).json()
  const quotes = (await staff(app, 'GET', `/consignments/${created.reference}/quotes`)).json().quotes
  return { reference: created.reference, quotes }
}

t.test('allocating with the same quote again, or concurrently, allocates once and answers the same allocation', async (t) => {
  const app = await buildStaffApp(t)
  const { reference, quotes } = await quotedConsignment(app, 'CC-ALLOC-1')
  const url = `/consignments/${reference}/allocation`
  const body = { quoteReference: quotes[0]!.quoteReference }

  const together = await Promise.all([1, 2, 3].map(() => staff(app, 'POST', url, body)))
  t.same(together.map((r) => r.statusCode), [200, 200, 200], together.map((r) => r.body).join('\n'))
  t.equal(together.filter((r) => r.headers['idempotent-replayed'] === 'true').length, 2, 'two of three were answered from the first')
  const allocations = together.map((r) => r.json().allocation)
  t.same(allocations[1], allocations[0])
  t.same(allocations[2], allocations[0])

  const again = await staff(app, 'POST', url, { quoteReference: quotes[0]!.quoteReference.toUpperCase() })
  t.equal(again.statusCode, 200)
  t.same(again.json().allocation, allocations[0])

  const other = await staff(app, 'POST', url, { quoteReference: quotes[1]!.quoteReference })
  t.equal(other.statusCode, 409)
  t.match(other.json(), { code: 'ALREADY_ALLOCATED', state: 'Allocated', quoteReference: quotes[0]!.quoteReference })

  const requote = await staff(app, 'GET', `/consignments/${reference}/quotes`)
  t.equal(requote.statusCode, 409)
  t.equal(requote.json().code, 'ALREADY_ALLOCATED')

  const stats = await simulator(app)
  t.equal(stats.counts.allocate, 1, 'PRO was asked to allocate once')
  t.equal(stats.duplicates.allocations, 0)
  t.equal(stats.consignments[reference]?.service, quotes[0]!.serviceReference)
})

t.test('an unknown or expired quote is refused without asking PRO', async (t) => {
  const app = await buildStaffApp(t)
  const { reference, quotes } = await quotedConsignment(app, 'CC-ALLOC-2')
  const url = `/consignments/${reference}/allocation`

  const unknown = await staff(app, 'POST', url, { quoteReference: '00000000-0000-0000-0000-000000000000' })
  t.equal(unknown.statusCode, 409)
  t.equal(unknown.json().code, 'QUOTE_NOT_FOUND')

  const quote = quotes[0]!.quoteReference
  await app.db.pool.query(
    "UPDATE consignments SET details = jsonb_set(details, ARRAY['quotes', $2, 'expiresAt'], '\"2020-01-01T00:00:00+00:00\"') WHERE reference = $1",
    [reference, quote.toLowerCase()])
  const expired = await staff(app, 'POST', url, { quoteReference: quote })
  t.equal(expired.statusCode, 409)
  t.equal(expired.json().code, 'QUOTE_EXPIRED')

  t.equal((await simulator(app)).counts.allocate, 0)
  const view = (await staff(app, 'GET', `/consignments/${reference}`)).json()
  t.equal(view.state, 'Unallocated', 'the consignment is left as it was')
})

t.test('a claim a crash left behind is settled from PRO: the allocation PRO made is recorded, not repeated', async (t) => {
  const app = await buildStaffApp(t)
  const { reference, quotes } = await quotedConsignment(app, 'CC-ALLOC-3')
  const quote = quotes[1]!.quoteReference
  // As if the process stopped after PRO allocated and before the answer was recorded.
  await app.db.pool.query(
    "UPDATE consignments SET state = 'Allocating', details = details || jsonb_build_object('claimedQuote', $2::text), updated_at = now() - interval '5 minutes' WHERE reference = $1",
    [reference, quote])
  await app.pro.allocateWithQuote(reference, quote)

  const settled = await staff(app, 'POST', `/consignments/${reference}/allocation`, { quoteReference: quote })
  t.equal(settled.statusCode, 200, settled.body)
  t.match(settled.json(), { state: 'Allocated', allocation: { quoteReference: quote, serviceReference: quotes[1]!.serviceReference } })
  t.ok(settled.json().allocation.trackingReferences.length > 0)
  const stats = await simulator(app)
  t.equal(stats.counts.allocate, 1, 'only the interrupted call')
  t.equal(stats.duplicates.allocations, 0)
})

t.test('a stale claim that PRO never acted on is released and the allocation goes ahead', async (t) => {
  const app = await buildStaffApp(t)
  const { reference, quotes } = await quotedConsignment(app, 'CC-ALLOC-4')
  await app.db.pool.query("UPDATE consignments SET state = 'Allocating', updated_at = now() - interval '5 minutes' WHERE reference = $1", [reference])
  const allocated = await staff(app, 'POST', `/consignments/${reference}/allocation`, { quoteReference: quotes[0]!.quoteReference })
  t.equal(allocated.statusCode, 200, allocated.body)
  t.equal((await simulator(app)).counts.allocate, 1)
})
