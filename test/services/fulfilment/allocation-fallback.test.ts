import t, { type Test } from 'tap'
import { buildApp } from '../../helpers/app.js'
import { NEVER_CRON, placeOrder, sandboxStats } from '../../helpers/pipeline.js'
import { fulfilOrder } from '../../../src/services/fulfilment/fulfil-order.js'

/** The services of the simulated account's GRP_ECONOMY group (src/sandbox/catalogue.ts). */
const ECONOMY = ['MPD_RMT48', 'MPD_EVRI48']

/**
 * One order placed, then its chosen option changed as a late pass would find it: `change` is merged
 * into the stored option (its carrier service, its cut-off). Answers the order and its app.
 */
async function orderWithOption (t: Test, env: Record<string, string>, change: Record<string, string>) {
  const app = await buildApp(t, { WORKERS: 'off', MANIFEST_CRON: NEVER_CRON, ...env })
  const order = await placeOrder(app, { n: 1, locations: ['EDC5_Electio', 'WH_BRISTOL'] })
  await app.db.pool.query('UPDATE orders SET option_snapshot = option_snapshot || $2::jsonb WHERE id = $1', [order.orderId, JSON.stringify(change)])
  return { app, order }
}

async function allocatedServices (app: Awaited<ReturnType<typeof orderWithOption>>['app'], proOrderReference: string): Promise<string[]> {
  const stats = await sandboxStats(app.proSimulator!)
  return Object.values(stats.consignments).filter((c) => c.orderReference === proOrderReference).map((c) => (c as unknown as { service: string }).service)
}

t.test('the option\'s carrier service past its cut-off: the pass allocates with the fallback, never with that service', async (t) => {
  const { app, order } = await orderWithOption(t, { ALLOCATION_FALLBACK: 'group:GRP_ECONOMY' },
    { serviceReference: 'MPD_DPDAM', cutOff: '2020-01-01T12:00:00+00:00' })
  t.equal(await fulfilOrder(app.fulfilment.deps, order.orderId), 'done')
  const services = await allocatedServices(app, order.proOrderReference)
  t.equal(services.length, 2)
  t.ok(services.every((service) => ECONOMY.includes(service)), `allocated ${services.join(', ')}, within GRP_ECONOMY`)
  t.equal((await sandboxStats(app.proSimulator!)).counts.allocate, 2, 'one service-group call per consignment, none with the option\'s service')
})

t.test('PRO answering Allocation Failed for the option\'s service: the same pass falls back and allocates', async (t) => {
  const { app, order } = await orderWithOption(t, { ALLOCATION_FALLBACK: 'group:GRP_ECONOMY' }, { serviceReference: 'MPD_NO_SUCH_SERVICE' })
  t.equal(await fulfilOrder(app.fulfilment.deps, order.orderId), 'done')
  const services = await allocatedServices(app, order.proOrderReference)
  t.ok(services.length === 2 && services.every((service) => ECONOMY.includes(service)), `allocated ${services.join(', ')}, within GRP_ECONOMY`)
  const { rows: [stored] } = await app.db.pool.query('SELECT status FROM orders WHERE id = $1', [order.orderId])
  t.equal(stored.status, 'labelled')
  const stats = await sandboxStats(app.proSimulator!)
  t.equal(stats.duplicates.allocations, 0)
})

t.test('ALLOCATION_FALLBACK=none: an Allocation Failed answer flags the order needs_attention at once, not after every retry', async (t) => {
  const { app, order } = await orderWithOption(t, { ALLOCATION_FALLBACK: 'none' }, { serviceReference: 'MPD_NO_SUCH_SERVICE' })
  t.equal(await fulfilOrder(app.fulfilment.deps, order.orderId), 'done', 'the pass ends (nothing left to retry)')
  const { rows: [stored] } = await app.db.pool.query('SELECT status, status_reason FROM orders WHERE id = $1', [order.orderId])
  t.equal(stored.status, 'needs_attention')
  t.match(stored.status_reason, /MPD_NO_SUCH_SERVICE/)
  t.equal((await sandboxStats(app.proSimulator!)).counts.allocate, 1, 'asked once')
})
