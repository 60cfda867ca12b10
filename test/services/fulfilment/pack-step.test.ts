import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../helpers/app.js'
import { NEVER_CRON, hurryRetries, placeOrder, placeOrders, sandboxStats, setSandboxFaults, waitForStatus } from '../../helpers/pipeline.js'

t.setTimeout(120_000)

const HEADERS = { 'ocp-apim-subscription-key': 'in-process-simulator', 'electio-api-version': '1.1' }

async function proRead (simulator: FastifyInstance, path: string): Promise<any> {
  const response = await simulator.inject({ method: 'GET', url: path, headers: HEADERS })
  if (response.statusCode !== 200) throw new Error(`${path} answered ${response.statusCode}: ${response.body}`)
  return response.json()
}

t.test('PRO shows the merchant\'s order number on the order and on every packed consignment, each parcel complete', async (t) => {
  const app = await buildApp(t, { MANIFEST_CRON: NEVER_CRON, DEFAULT_CONTACT_TITLE: 'Dr', DEFAULT_PARCEL: '40x30x20' })
  const simulator = app.proSimulator!
  const placed = await placeOrder(app, { n: 7, locations: ['EDC5_Electio', 'WH_BRISTOL'], orderReference: 'SHOP-ORDER-77' })
  await waitForStatus(app.db.pool, [placed.orderId], 'labelled')

  const order = await proRead(simulator, `/orders/${placed.proOrderReference}`)
  t.equal(order.OrderReferenceProvidedByCustomer, 'SHOP-ORDER-77')
  const to = order.Addresses.find((address: any) => address.AddressType === 'Destination')
  t.equal(to.Contact.Title, 'Dr', 'the configured title, the storefront sent none')

  const references = Object.entries((await sandboxStats(simulator)).consignments)
    .filter(([, c]) => c.orderReference === placed.proOrderReference).map(([reference]) => reference)
  t.equal(references.length, 2, 'one consignment per warehouse')
  for (const reference of references) {
    const consignment = await proRead(simulator, `/consignments/${reference}`)
    t.equal(consignment.ConsignmentReferenceProvidedByCustomer, 'SHOP-ORDER-77', `${reference} carries the merchant's order number`)
    const [pkg] = consignment.Packages
    t.ok(pkg.Description.length > 0, 'a description')
    t.match(pkg.Value, { Currency: { IsoCode: 'GBP' } })
    t.ok(pkg.Value.Amount > 0, 'a value')
    const warehouse = consignment.Addresses.find((address: any) => address.AddressType === 'Origin').ShippingLocationReference
    // basketOf: 12.50 per unit; order 7 puts 2 + 1 units in its first warehouse and 1 in the second.
    t.equal(pkg.Value.Amount, warehouse === 'EDC5_Electio' ? 37.5 : 12.5, `${warehouse}: the value of its own items`)
    t.same(pkg.Dimensions, { Unit: 'Cm', Length: 40, Width: 30, Height: 20 }, 'the default parcel (the items have no dimensions)')
  }
})

t.test('a pack whose answer was lost is found by the merchant\'s number and its pack key, even when orders share that number', async (t) => {
  const app = await buildApp(t, { FULFILMENT_MAX_ATTEMPTS: '30', PRO_REQUESTS_PER_SECOND: '1000', MANIFEST_CRON: NEVER_CRON })
  const simulator = app.proSimulator!
  const inputs = [1, 2, 3].map((n) => ({ n, locations: ['EDC5_Electio', 'WH_BRISTOL'], orderReference: 'SAME-NUMBER' }))
  await setSandboxFaults(simulator, { operations: { pack: { lostResponseRate: 1 } } })
  const placed = await placeOrders([app], inputs, 1)
  await waitForStatus(app.db.pool, placed.map((order) => order.orderId), 'labelled', { eachPoll: () => hurryRetries(app.db.pool) })
  await setSandboxFaults(simulator, {})

  const stats = await sandboxStats(simulator)
  t.equal(stats.counts.pack, 6, 'every pack answer was lost, yet each consignment was packed once')
  t.equal(stats.duplicates.consignments, 0)
  const { rows } = await app.db.pool.query(
    'SELECT o.pro_order_reference, c.reference FROM consignments c JOIN orders o ON o.id = c.order_id WHERE o.id = ANY($1::uuid[])',
    [placed.map((order) => order.orderId)])
  t.equal(rows.length, 6)
  for (const row of rows) {
    t.equal(stats.consignments[row.reference]?.orderReference, row.pro_order_reference, `${row.reference} belongs to the order that recorded it`)
  }
  t.equal(new Set(rows.map((row) => row.reference)).size, 6, 'no consignment recorded by two orders')
})

t.test('a split order: each consignment ships from its own warehouse, set on the order through the documented address call before its pack', async (t) => {
  const app = await buildApp(t, { MANIFEST_CRON: NEVER_CRON })
  const simulator = app.proSimulator!
  const placed = await placeOrder(app, { n: 8, locations: ['EDC5_Electio', 'WH_BRISTOL', 'Sorted1'] })
  await waitForStatus(app.db.pool, [placed.orderId], 'labelled')

  const stats = await sandboxStats(simulator)
  const origins = Object.values(stats.consignments).filter((c) => c.orderReference === placed.proOrderReference).map((c) => c.shippingLocation).sort()
  t.same(origins, ['EDC5_Electio', 'Sorted1', 'WH_BRISTOL'], 'PRO ships each consignment from a different warehouse')
  const { rows } = await app.db.pool.query('SELECT reference, shipping_location FROM consignments WHERE order_id = $1', [placed.orderId])
  for (const row of rows) t.equal(stats.consignments[row.reference]?.shippingLocation, row.shipping_location, `${row.reference}: PRO's origin is the warehouse recorded here`)
  t.equal(stats.counts.orderAddress, 3, 'the order\'s origin was set once before each pack')
})
