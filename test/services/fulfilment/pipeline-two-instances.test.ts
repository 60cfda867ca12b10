import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildSandbox } from '../../../src/sandbox/app.js'
import type { ProClient } from '../../../src/services/pro/client.js'
import { freshDatabaseUrl } from '../../helpers/database.js'
import { LOCATIONS, NEVER_CRON, buildAppWithEnv, groupsInPro, placeOrders, sandboxStats, setSandboxFaults, waitForStatus } from '../../helpers/pipeline.js'

// waitForStatus allows 120 s for labelling alone; the file's own budget must be larger than that.
t.setTimeout(300_000)

const ORDERS = 30
const API_KEY = 'two-instances-test-key'

/** Counts one instance's calls of `method` to PRO (passes and manifest runs call PRO through `within` views). */
function countCalls (instance: FastifyInstance, method: 'packOrder' | 'manifestConsignments'): { calls: number } {
  const counter = { calls: 0 }
  const pro: ProClient = instance.fulfilment.deps.pro
  const within = pro.within.bind(pro)
  pro.within = (bound) => {
    const view = within(bound)
    const original = view[method].bind(view) as (...args: never[]) => Promise<never>
    view[method] = (async (...args: never[]) => {
      counter.calls += 1
      return await original(...args)
    }) as never
    return view
  }
  return counter
}

t.test('two instances on one PostgreSQL: every job runs once, every consignment is manifested once', async (t) => {
  const simulator = await buildSandbox({ apiKey: API_KEY })
  const proBaseUrl = await simulator.listen({ host: '127.0.0.1', port: 0 })
  t.teardown(() => simulator.close())
  const env = {
    DATABASE_URL: await freshDatabaseUrl(t, { migrated: false }),
    PRO_BASE_URL: proBaseUrl,
    PRO_API_KEY: API_KEY,
    WORKERS: 'inline',
    LABEL_FORMAT: 'zpl',
    PRO_REQUESTS_PER_SECOND: '1000',
    MANIFEST_CRON: NEVER_CRON
  }
  // One after the other: the first applies the migrations the second then finds done.
  const first = await buildAppWithEnv(t, env)
  const second = await buildAppWithEnv(t, env)
  const packs = [countCalls(first, 'packOrder'), countCalls(second, 'packOrder')]
  const manifests = [countCalls(first, 'manifestConsignments'), countCalls(second, 'manifestConsignments')]

  const placed = await placeOrders([first, second], Array.from({ length: ORDERS }, (_, n) => ({
    n, locations: Array.from({ length: 1 + (n % 3) }, (_, i) => LOCATIONS[(n + i) % LOCATIONS.length]!), countryCode: n % 10 === 4 ? 'FR' : 'GB'
  })))
  const ids = placed.map((order) => order.orderId)
  const expected = placed.reduce((sum, order) => sum + order.locations.length, 0)
  await waitForStatus(first.db.pool, ids, 'labelled', { timeoutMs: 120_000 })
  t.ok(packs.every((p) => p.calls > 0), `both instances fulfilled orders (packs: ${packs.map((p) => p.calls).join(' + ')})`)

  const groups = groupsInPro(await sandboxStats(simulator), placed.map((order) => order.proOrderReference))
  // A slow manifest call keeps the first run busy while the second one starts.
  await setSandboxFaults(simulator, { operations: { manifest: { latencyMs: 300 } } })
  const runs = await Promise.all([first.fulfilment.runManifest(), second.fulfilment.runManifest()])
  await setSandboxFaults(simulator, {})
  t.same(runs.map((run) => run.skipped).sort(), [false, true], 'runs do not overlap: one ran, the other found it under way and skipped')
  const [ran] = runs.filter((run) => !run.skipped)
  t.equal(ran!.batches.length, groups.size, 'the run that ran manifested each (location, carrier) group in one batch')
  t.equal(ran!.batches.reduce((sum, b) => sum + b.manifested, 0), expected, 'every consignment')
  t.same(manifests.map((m) => m.calls).sort((a, b) => a - b), [0, groups.size], 'manifest calls came from one instance, one per group')
  const after = await Promise.all([second.fulfilment.runManifest(), first.fulfilment.runManifest()])
  t.same(after.map((run) => run.batches), [[], []], 'later runs on either instance find nothing left to manifest')
  await waitForStatus(first.db.pool, ids, 'manifested', { timeoutMs: 10_000 })

  const stats = await sandboxStats(simulator)
  t.same(stats.duplicates, { orders: 0, consignments: 0, allocations: 0, manifests: 0 }, 'the simulator saw nothing twice')
  t.equal(stats.counts.selectOrder, ORDERS, 'one PRO order per confirm')
  t.equal(stats.counts.pack, expected, 'one pack per consignment across both instances')
  t.equal(packs[0]!.calls + packs[1]!.calls, expected)
  t.ok(stats.counts.allocate! <= ORDERS, `allocate calls (${stats.counts.allocate}) ≤ orders`)
  t.ok(stats.counts.manifest! <= groups.size, `manifest calls (${stats.counts.manifest}) ≤ groups (${groups.size})`)
  t.ok(Object.values(stats.consignments).every((c) => c.state === 'Manifested' && c.manifestCount === 1), 'each consignment manifested once in PRO')
  t.equal(Object.keys(stats.consignments).length, expected, 'PRO holds no other consignment')

  const { rows: jobs } = await first.db.pool.query("SELECT state, retry_count FROM pgboss.job WHERE name = 'fulfil-order'")
  t.equal(jobs.length, ORDERS, 'one fulfilment job per order')
  t.ok(jobs.every((job) => job.state === 'completed' && job.retry_count === 0), 'each completed on its first and only run')
  const { rows: timelines } = await first.db.pool.query(
    'SELECT array_agg(status ORDER BY id) AS statuses FROM order_events WHERE order_id = ANY($1::uuid[]) GROUP BY order_id', [ids])
  t.ok(timelines.every((row) => row.statuses.join() === 'accepted,packed,allocated,labelled,manifested'), 'every timeline has each status once')
})
