import t from 'tap'
import { buildApp } from '../../helpers/app.js'
import type { FastifyInstance } from 'fastify'
import { LOCATIONS, NEVER_CRON, groupsInPro, manifestGroups, placeOrders, sandboxStats, waitForStatus, type PlaceOrderInput } from '../../helpers/pipeline.js'
import { shipmentRequest } from '../../sandbox/helper.js'

// waitForStatus allows 120 s for labelling alone; the file's own budget must be larger than that.
t.setTimeout(300_000)

const ORDERS = 50
/** Orders shipped to France: their consignments cross a border and need customs documents. */
const INTERNATIONAL = new Set([7, 31])

/**
 * A consignment another system of the merchant booked straight in PRO at one of the same
 * warehouses: allocated and labelled, so a manifest by location or carrier would sweep it up.
 */
async function foreignConsignment (simulator: FastifyInstance): Promise<string> {
  const headers = { 'ocp-apim-subscription-key': 'in-process-simulator', 'electio-api-version': '1.1' }
  const created = await simulator.inject({ method: 'POST', url: '/consignments', headers, payload: shipmentRequest({ origin: LOCATIONS[0] }) })
  const reference = String(created.json()[0].Href).split('/').pop()!
  const allocated = await simulator.inject({ method: 'PUT', url: '/allocation/allocate', headers, payload: { ConsignmentReferences: [reference] } })
  const label = await simulator.inject({ method: 'GET', url: `/labels/${reference}/ZPL`, headers })
  if (created.statusCode !== 200 || allocated.statusCode !== 200 || label.statusCode !== 200) throw new Error(`foreign consignment: ${created.body} ${allocated.body} ${label.body}`)
  return reference
}

/** Groups named as this service records them (carrier names, e.g. "Royal Mail") as PRO references them ("ROYAL_MAIL"). */
function carrierReferences (groups: Set<string>): Set<string> {
  return new Set([...groups].map((group) => {
    const [location, carrier] = group.split('|')
    return `${location}|${carrier!.toUpperCase().replaceAll(' ', '_')}`
  }))
}

/** 1, 2 or 3 warehouses per order, and a different first warehouse from order to order. */
function orderInput (n: number): PlaceOrderInput {
  const count = 1 + (n % 3)
  const first = Math.floor(n / 3) % LOCATIONS.length
  const locations = Array.from({ length: count }, (_, i) => LOCATIONS[(first + i) % LOCATIONS.length]!)
  return { n, locations, countryCode: INTERNATIONAL.has(n) ? 'FR' : 'GB' }
}

t.test(`${ORDERS} orders in 1–3 warehouses end manifested, each consignment labelled once and manifested once`, async (t) => {
  const app = await buildApp(t, {
    LABEL_FORMAT: 'zpl',
    FULFILMENT_CONCURRENCY: '10',
    PRO_REQUESTS_PER_SECOND: '1000',
    MANIFEST_CRON: NEVER_CRON
  })
  const pool = app.db.pool
  const simulator = app.proSimulator!
  const placed = await placeOrders([app], Array.from({ length: ORDERS }, (_, n) => orderInput(n)))
  const ids = placed.map((order) => order.orderId)
  const expectedConsignments = placed.reduce((sum, order) => sum + order.locations.length, 0)

  await waitForStatus(pool, ids, 'labelled', { timeoutMs: 120_000 })
  const allocateCalls = (await sandboxStats(simulator)).counts.allocate
  const foreign = await foreignConsignment(simulator)
  const before = await sandboxStats(simulator)
  const groups = groupsInPro(before, placed.map((order) => order.proOrderReference))
  t.same(carrierReferences(await manifestGroups(pool, ids)), groups, 'the service recorded the groups PRO has')
  const run = await app.fulfilment.runManifest()
  const after = await sandboxStats(simulator)

  const manifestCalls = after.counts.manifest! - before.counts.manifest!
  t.ok(manifestCalls <= groups.size, `${manifestCalls} manifest calls for ${groups.size} (location, carrier) groups`)
  t.equal(run.batches.length, manifestCalls, 'one call per batch')
  t.same(carrierReferences(new Set(run.batches.map((b) => `${b.shippingLocation}|${b.carrier}`))), groups, 'one batch per group')
  t.equal(run.batches.reduce((sum, b) => sum + b.manifested, 0), expectedConsignments, 'the run manifested every consignment')
  t.ok(run.batches.every((b) => b.failed === 0), 'no batch reports failures')
  await waitForStatus(pool, ids, 'manifested', { timeoutMs: 10_000 })

  const { rows: consignments } = await pool.query(
    'SELECT id, reference, order_id, shipping_location, state, manifest_batch_id FROM consignments WHERE order_id = ANY($1::uuid[])', [ids])
  t.equal(consignments.length, expectedConsignments, 'one consignment per (order, warehouse)')
  for (const order of placed) {
    const own = consignments.filter((c) => c.order_id === order.orderId).map((c) => c.shipping_location).sort()
    t.same(own, [...order.locations].sort(), `order ${order.orderId}: a consignment in each of its warehouses`)
  }
  t.ok(consignments.every((c) => c.state === 'Manifested' && c.manifest_batch_id !== null), 'every consignment Manifested in a recorded batch')

  const { rows: labels } = await pool.query(
    "SELECT consignment_id, name, content_type, data FROM documents WHERE kind = 'label' AND consignment_id = ANY($1::uuid[])",
    [consignments.map((c) => c.id)])
  t.equal(labels.length, consignments.length, 'one label per consignment')
  t.ok(labels.every((l) => l.name === 'zpl' && l.data.subarray(0, 3).toString('latin1') === '^XA'), 'every label is ZPL (starts with ^XA)')
  t.ok(labels.every((l) => l.content_type === 'application/zpl'), 'stored as ZPL, although PRO says application/pdf for every label')

  t.same(after.duplicates, { orders: 0, consignments: 0, allocations: 0, manifests: 0 }, 'the simulator saw nothing twice')
  t.equal(after.counts.pack, expectedConsignments, 'one pack per consignment')
  t.equal(allocateCalls, ORDERS, 'one allocation call per order (all its consignments at once)')
  for (const c of consignments) {
    const upstream = after.consignments[c.reference]
    if (upstream?.state !== 'Manifested' || upstream.manifestCount !== 1) t.fail(`${c.reference} in PRO: ${JSON.stringify(upstream)}`)
  }
  t.equal(Object.keys(after.consignments).length, expectedConsignments + 1, 'PRO holds no other consignment than those and the foreign one')
  t.match(after.consignments[foreign], { state: 'Allocated', manifestCount: 0 }, 'the consignment another system booked at the same warehouse was not manifested')

  const { rows: timelines } = await pool.query(
    'SELECT order_id, array_agg(status ORDER BY id) AS statuses FROM order_events WHERE order_id = ANY($1::uuid[]) GROUP BY order_id', [ids])
  t.equal(timelines.length, ORDERS)
  t.ok(timelines.every((row) => row.statuses.join() === 'accepted,packed,allocated,labelled,manifested'), 'every timeline: accepted → packed → allocated → labelled → manifested, once each')

  const { rows: customs } = await pool.query(`
    SELECT c.reference, o.destination ->> 'countryCode' AS country, count(d.name)::int AS documents,
           bool_and(d.data IS NULL OR substr(d.data, 1, 4) = '\\x25504446'::bytea) AS all_pdf
    FROM consignments c JOIN orders o ON o.id = c.order_id
    LEFT JOIN documents d ON d.consignment_id = c.id AND d.kind = 'customs'
    WHERE c.order_id = ANY($1::uuid[]) GROUP BY c.reference, o.destination`, [ids])
  const abroad = customs.filter((row) => row.country === 'FR')
  t.equal(abroad.length, placed.filter((o) => o.countryCode === 'FR').reduce((sum, o) => sum + o.locations.length, 0), 'the French orders\' consignments')
  t.ok(abroad.every((row) => row.documents >= 1 && row.all_pdf), 'every consignment to France has customs documents (PDF) stored')
  t.ok(customs.filter((row) => row.country === 'GB').every((row) => row.documents === 0), 'no customs documents within GB')
  t.equal(after.counts.customsDocs, abroad.length, 'customs documents asked for once per consignment crossing a border')

  const again = await app.fulfilment.runManifest()
  t.same(again, { skipped: false, reconciled: 0, batches: [] }, 'a second run finds nothing to manifest')
  t.equal((await sandboxStats(simulator)).counts.manifest, after.counts.manifest, 'and calls PRO for nothing')
})
