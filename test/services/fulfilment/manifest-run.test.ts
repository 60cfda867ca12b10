import t, { type Test } from 'tap'
import { buildApp } from '../../helpers/app.js'
import { NEVER_CRON, placeOrder, sandboxStats, waitForStatus } from '../../helpers/pipeline.js'
import { runManifest } from '../../../src/services/fulfilment/manifest-run.js'
import type { ProClient } from '../../../src/services/pro/client.js'

/*
 * What a manifest run makes of the states PRO reports when it reads the consignments back. The
 * simulator manifests at once and reports Manifested; these runs see what a real PRO may report
 * instead (a later carrier state, or the state before a manifest it has queued).
 */

t.setTimeout(240_000)

/** The service's PRO client, reporting `reported(state)` wherever PRO has a consignment in `state`. */
function reporting (client: ProClient, reported: (state: string) => string): ProClient {
  return {
    ...client,
    getConsignment: async (reference) => {
      const consignment = await client.getConsignment(reference)
      return { ...consignment, ConsignmentState: reported(consignment.ConsignmentState) }
    },
    within: (bound) => reporting(client.within(bound), reported)
  }
}

/** An app with one order labelled in one warehouse (one consignment), manifest runs left to the test. */
async function labelledOrder (t: Test, n: number) {
  const app = await buildApp(t, { MANIFEST_CRON: NEVER_CRON })
  const placed = await placeOrder(app, { n, locations: ['WH_BRISTOL'], orderReference: `WEB-MANIFEST-${n}` })
  await waitForStatus(app.db.pool, [placed.orderId], 'labelled', { timeoutMs: 60_000 })
  const stateOf = async () => (await app.db.pool.query('SELECT state FROM consignments WHERE order_id = $1', [placed.orderId])).rows.map((row) => row.state)
  return { app, orderId: placed.orderId, stateOf, deps: app.fulfilment.deps }
}

t.test('a consignment the carrier has collected by the read-back counts as manifested and completes its order', async (t) => {
  const { app, orderId, stateOf, deps } = await labelledOrder(t, 1)
  const run = await runManifest({ ...deps, pro: reporting(deps.pro, (state) => state === 'Manifested' ? 'Collected' : state) })
  t.match(run.batches, [{ requested: 1, manifested: 1, failed: 0 }])
  t.same(await stateOf(), ['Collected'])
  await waitForStatus(app.db.pool, [orderId], 'manifested', { timeoutMs: 10_000 })
})

t.test('PRO accepted the manifest but still shows the consignment Allocated: it is not manifested again', async (t) => {
  const { app, orderId, stateOf, deps } = await labelledOrder(t, 2)
  const lagging = { ...deps, pro: reporting(deps.pro, (state) => state === 'Manifested' ? 'Allocated' : state) }
  const first = await runManifest(lagging)
  t.match(first.batches, [{ requested: 1, manifested: 0 }])
  t.same(await stateOf(), ['Manifesting'], 'waiting for PRO, not given back to the next run')

  const second = await runManifest(lagging)
  t.same(second.batches, [], 'nothing claimed again')
  t.equal(second.reconciled, 1, 'read again, still waiting')
  const stats = await sandboxStats(app.proSimulator!)
  t.equal(stats.duplicates.manifests, 0, 'PRO was not asked to manifest it twice')

  const third = await runManifest(deps)
  t.equal(third.reconciled, 1, 'settled once PRO shows it manifested')
  t.same(await stateOf(), ['Manifested'])
  await waitForStatus(app.db.pool, [orderId], 'manifested', { timeoutMs: 10_000 })
  t.equal((await sandboxStats(app.proSimulator!)).duplicates.manifests, 0)
})

t.test('PRO still Manifesting at the read-back: the consignment waits and a later run settles it without manifesting again', async (t) => {
  const { app, orderId, stateOf, deps } = await labelledOrder(t, 3)
  const first = await runManifest({ ...deps, pro: reporting(deps.pro, (state) => state === 'Manifested' ? 'Manifesting' : state) })
  t.match(first.batches, [{ requested: 1, manifested: 0 }])
  t.same(await stateOf(), ['Manifesting'])
  const second = await runManifest(deps)
  t.same(second.batches, [])
  t.equal(second.reconciled, 1)
  await waitForStatus(app.db.pool, [orderId], 'manifested', { timeoutMs: 10_000 })
  const stats = await sandboxStats(app.proSimulator!)
  t.equal(stats.counts.manifest, 1, 'one manifest call in all')
  t.equal(stats.duplicates.manifests, 0)
})
