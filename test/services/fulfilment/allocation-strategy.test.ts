import t, { type Test } from 'tap'
import { randomUUID } from 'node:crypto'
import { buildApp } from '../../helpers/app.js'
import { confirm, offeredOptions, optionsOpenFor } from '../../helpers/checkout.js'
import { NEVER_CRON, sandboxStats, waitForStatus } from '../../helpers/pipeline.js'

interface PricedOption { id: string, cutOff: string, type: string, serviceReference: string, price: { gross: string } }

/** The services of the simulated account's GRP_ECONOMY group (src/sandbox/catalogue.ts). */
const ECONOMY = ['MPD_RMT48', 'MPD_EVRI48']

/** Confirms the dearest delivery option open for an hour and answers its service and the services PRO allocated. */
async function allocatedServices (t: Test, strategy: string): Promise<{ chosen: string, allocated: string[] }> {
  const app = await buildApp(t, { ALLOCATION_STRATEGY: strategy, MANIFEST_CRON: NEVER_CRON })
  const options = optionsOpenFor(await offeredOptions(app) as unknown as PricedOption[]).filter((o) => o.type === 'delivery')
  const dearest = options.reduce((a, b) => (Number(b.price.gross) > Number(a.price.gross) ? b : a))
  const confirmed = await confirm(app, randomUUID(), { optionId: dearest.id, orderReference: `WEB-STRATEGY-${strategy}` })
  t.equal(confirmed.statusCode, 201, confirmed.body)
  await waitForStatus(app.db.pool, [confirmed.json().orderId], 'labelled', { timeoutMs: 60_000 })
  const stats = await sandboxStats(app.proSimulator!)
  const mine = Object.values(stats.consignments).filter((c) => c.orderReference === confirmed.json().proOrderReference)
  t.equal(mine.length, 2, 'the standard basket ships from two warehouses')
  return { chosen: dearest.serviceReference, allocated: mine.map((c) => (c as unknown as { service: string }).service) }
}

t.test('ALLOCATION_STRATEGY=option allocates the chosen option\'s carrier service', async (t) => {
  const { chosen, allocated } = await allocatedServices(t, 'option')
  t.same(allocated, [chosen, chosen])
})

t.test('ALLOCATION_STRATEGY=rules leaves the choice to PRO\'s rules (the simulator takes the cheapest service, not the dearest option\'s)', async (t) => {
  const { chosen, allocated } = await allocatedServices(t, 'rules')
  t.ok(allocated.every((service) => service !== chosen), `allocated ${allocated.join(', ')}; the option was ${chosen}`)
})

t.test('ALLOCATION_STRATEGY=group:<reference> allocates within that service group', async (t) => {
  const { allocated } = await allocatedServices(t, 'group:GRP_ECONOMY')
  t.ok(allocated.every((service) => ECONOMY.includes(service)), `allocated ${allocated.join(', ')}, all in GRP_ECONOMY`)
})
