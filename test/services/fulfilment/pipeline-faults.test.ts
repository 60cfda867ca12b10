import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../helpers/app.js'
import { LOCATIONS, NEVER_CRON, hurryRetries, placeOrders, sandboxStats, setSandboxFaults, waitForStatus } from '../../helpers/pipeline.js'

// Hangs cost a timeout each (about 1–2 s): the file takes some 40 s, more than .taprc allows.
t.setTimeout(300_000)

const ORDERS = 20
const FAULTS = { errorRate: 0.1, hangRate: 0.05, rateLimitRate: 0.1, lostResponseRate: 0.05 }
/** Manifest runs allowed under faults before giving up (each run resumes what the last one left). */
const MANIFEST_RUNS = 40

interface RunsUnderFaults { runs: number, failedRuns: number, reconciled: number }

/** Runs manifest batches, as the schedule would, until every order is manifested or the runs are used up. */
async function manifestUntilDone (app: FastifyInstance, ids: string[]): Promise<RunsUnderFaults> {
  const result = { runs: 0, failedRuns: 0, reconciled: 0 }
  while (result.runs < MANIFEST_RUNS) {
    result.runs += 1
    try {
      result.reconciled += (await app.fulfilment.runManifest()).reconciled
    } catch {
      result.failedRuns += 1
    }
    const { rows } = await app.db.pool.query("SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::uuid[]) AND status = 'manifested'", [ids])
    if (rows[0].n === ids.length) break
  }
  return result
}

t.test(`under 5xx, hangs, 429s and lost responses every order still ends manifested, nothing done twice`, async (t) => {
  const app = await buildApp(t, {
    LABEL_FORMAT: 'zpl',
    FULFILMENT_CONCURRENCY: '10',
    FULFILMENT_MAX_ATTEMPTS: '30',
    PRO_REQUESTS_PER_SECOND: '1000',
    PRO_HEADERS_TIMEOUT_MS: '1000',
    PRO_BODY_TIMEOUT_MS: '1000',
    MANIFEST_CRON: NEVER_CRON
  })
  const simulator = app.proSimulator!
  const placed = await placeOrders([app], Array.from({ length: ORDERS }, (_, n) => ({ n, locations: LOCATIONS.slice(0, 1 + (n % 3)) })))
  const ids = placed.map((order) => order.orderId)
  await setSandboxFaults(simulator, FAULTS)

  await waitForStatus(app.db.pool, ids, 'labelled', { timeoutMs: 240_000, eachPoll: () => hurryRetries(app.db.pool) })
  const expected = placed.reduce((sum, order) => sum + order.locations.length, 0)
  // A lost pack answer is looked up, not repeated: more packs than consignments were 5xx, 429 or hangs tried again.
  const labelled = await sandboxStats(simulator)
  t.ok(labelled.counts.pack > expected, `the faults forced packs to be tried again (${labelled.counts.pack} pack calls for ${expected} consignments)`)
  const manifesting = await manifestUntilDone(app, ids)
  t.comment(`manifest under faults: ${JSON.stringify(manifesting)}`)
  await setSandboxFaults(simulator, {})
  const statuses = await app.db.pool.query("SELECT count(*)::int AS n FROM orders WHERE id = ANY($1::uuid[]) AND status = 'manifested'", [ids])
  t.equal(statuses.rows[0].n, ORDERS, `every order manifested with the faults on (${manifesting.runs} runs)`)

  const stats = await sandboxStats(simulator)
  t.same(stats.duplicates, { orders: 0, consignments: 0, allocations: 0, manifests: 0 }, 'the simulator saw nothing twice')
  t.equal(Object.keys(stats.consignments).length, expected, 'PRO holds one consignment per (order, warehouse)')
  t.ok(Object.values(stats.consignments).every((c) => c.state === 'Manifested' && c.manifestCount === 1), 'each manifested exactly once in PRO')

  const { rows } = await app.db.pool.query(`
    SELECT c.reference, c.state, count(d.name)::int AS labels, bool_and(substr(d.data, 1, 3) = '^XA'::bytea) AS zpl
    FROM consignments c LEFT JOIN documents d ON d.consignment_id = c.id AND d.kind = 'label'
    WHERE c.order_id = ANY($1::uuid[]) GROUP BY c.reference, c.state`, [ids])
  t.equal(rows.length, expected)
  t.ok(rows.every((row) => row.state === 'Manifested' && row.labels === 1 && row.zpl), 'each consignment Manifested here with one ZPL label')
  t.ok(rows.every((row) => stats.consignments[row.reference] !== undefined), 'every recorded reference exists in PRO')

  const { rows: attention } = await app.db.pool.query("SELECT count(*)::int AS n FROM order_events WHERE order_id = ANY($1::uuid[]) AND status = 'needs_attention'", [ids])
  t.equal(attention[0].n, 0, 'no order ran out of attempts')
  t.comment(`simulator calls: ${JSON.stringify(stats.counts)}`)
})

t.test(`lost answers to pack, allocate and manifest are recovered by looking PRO up, never by repeating`, async (t) => {
  const app = await buildApp(t, { FULFILMENT_MAX_ATTEMPTS: '30', PRO_REQUESTS_PER_SECOND: '1000', MANIFEST_CRON: NEVER_CRON })
  const simulator = app.proSimulator!
  const placed = await placeOrders([app], Array.from({ length: 8 }, (_, n) => ({ n, locations: LOCATIONS.slice(0, 1 + (n % 3)) })))
  const ids = placed.map((order) => order.orderId)
  await setSandboxFaults(simulator, { operations: { pack: { lostResponseRate: 0.5 }, allocate: { lostResponseRate: 0.5 } } })
  await waitForStatus(app.db.pool, ids, 'labelled', { timeoutMs: 120_000, eachPoll: () => hurryRetries(app.db.pool) })
  const fulfilled = await sandboxStats(simulator)
  const expected = placed.reduce((sum, order) => sum + order.locations.length, 0)
  t.equal(fulfilled.counts.pack, expected, 'one pack per consignment: a pack whose answer was lost is found again, not repeated')
  t.ok(fulfilled.counts.searchConsignments! > 0, `answers were lost, and retried packs looked their consignment up first (${fulfilled.counts.searchConsignments} look-ups)`)
  t.equal(Object.keys(fulfilled.consignments).length, expected, 'PRO holds one consignment per (order, warehouse)')

  // PRO's view of what a run has to manifest: one call per (shipping location, carrier) of the allocated consignments.
  const groups = new Set(Object.values(fulfilled.consignments).map((c) => `${c.shippingLocation}|${c.carrier}`))
  t.ok(groups.size > 1, `several groups to manifest (${[...groups].join(', ')})`)
  await setSandboxFaults(simulator, { operations: { manifest: { lostResponseRate: 1 } } })
  const unheard = await app.fulfilment.runManifest()
  t.same(unheard.batches, [], 'no batch is reported whose manifest answer was lost')
  const lost = await sandboxStats(simulator)
  t.equal(lost.counts.manifest - fulfilled.counts.manifest, groups.size, 'the run still asked PRO once for every group')
  const manifestedUnheard = Object.values(lost.consignments).filter((c) => c.state === 'Manifesting' || c.state === 'Manifested').length
  t.equal(manifestedUnheard, expected, 'and PRO took every consignment to manifest all the same (queued or done)')
  await setSandboxFaults(simulator, {})
  const next = await app.fulfilment.runManifest()
  t.equal(next.reconciled, expected, 'the next run settles those batches by reading PRO')
  t.same(next.batches, [], 'and has nothing left to manifest')
  await waitForStatus(app.db.pool, ids, 'manifested', { timeoutMs: 10_000 })

  const stats = await sandboxStats(simulator)
  t.ok(Object.values(stats.consignments).every((c) => c.state === 'Manifested' && c.manifestCount === 1), 'each consignment manifested once in PRO')
  t.same(stats.duplicates, { orders: 0, consignments: 0, allocations: 0, manifests: 0 }, 'the simulator saw nothing twice')
})
