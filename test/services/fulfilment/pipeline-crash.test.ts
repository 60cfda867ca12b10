import t from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import { databaseEnv } from '../../helpers/database.js'
import { kill, startService, startSimulator, type Child } from '../../helpers/processes.js'
import {
  orderStatuses, orderView, placeOrder, requestManifestRun, setFaults, simulatorStats, waitForStats,
  type PlacedOrder, type SimulatorStats
} from './child-processes.js'

/**
 * The service is killed with SIGKILL while PRO has done something the service has not heard of
 * yet (the simulator holds the answer back), restarted, and must still end every order manifested
 * with nothing done twice upstream.
 */

const ORDERS = 10
const LOCATION_PAIRS = [['EDC5_Electio', 'WH_BRISTOL'], ['WH_BRISTOL', 'Sorted1'], ['Sorted1', 'EDC5_Electio']] as const
const STAFF_KEY = 'crash-test-staff-key'
/**
 * Long enough to see the call land in the simulator's stats (polled every 25 ms) and kill the
 * service before it hears back, even on a loaded machine.
 */
const HELD_ANSWER_MS = 5000
/** A killed worker's job is only retried once pg-boss expires it; the service is told to expire them soon. */
const JOB_TIMEOUT_SECONDS = 15
const STEP_DEADLINE_MS = 60_000
/** The cron fires once a minute; pg-boss looks at schedules every 30 s. */
const MANIFEST_DEADLINE_MS = 150_000
const RECOVERY_DEADLINE_MS = 240_000

t.setTimeout(12 * 60_000)

const allocated = (stats: SimulatorStats): number =>
  Object.values(stats.consignments).filter((consignment) => consignment.state !== 'Unallocated').length

/** Polls the orders through the service until `ready` holds for their statuses; gives up at the deadline. */
async function waitForOrders (service: Child, orders: readonly PlacedOrder[], what: string, ready: (statuses: string[]) => boolean, timeoutMs: number, poke?: () => Promise<void>): Promise<string[]> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const statuses = await orderStatuses(service, orders)
    if (ready(statuses)) return statuses
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}; statuses: ${statuses.join(', ')}`)
    await poke?.()
    await sleep(1000)
  }
}

t.test(`SIGKILL after a pack, after an allocate and during a manifest run still ends every order manifested once`, async (t) => {
  const simulator = await startSimulator()
  t.teardown(() => kill(simulator))
  const env = {
    ...await databaseEnv(t),
    PRO_BASE_URL: simulator.url,
    PRO_API_KEY: 'crash-test-pro-key',
    WORKERS: 'inline',
    FULFILMENT_CONCURRENCY: '2',
    FULFILMENT_JOB_TIMEOUT_SECONDS: String(JOB_TIMEOUT_SECONDS),
    MANIFEST_CRON: '* * * * *',
    STAFF_API_KEYS: STAFF_KEY
  }
  let service: Child | undefined
  t.teardown(() => service && kill(service))
  const restart = async (extra: Record<string, string> = {}): Promise<Child> => {
    if (service) await kill(service)
    service = await startService({ ...env, ...extra })
    return service
  }

  // Orders are taken with the workers off, so every crash below lands in the pipeline, not in checkout.
  let running = await restart({ WORKERS: 'off' })
  const orders: PlacedOrder[] = []
  for (let n = 0; n < ORDERS; n += 1) orders.push(await placeOrder(running, n, LOCATION_PAIRS[n % LOCATION_PAIRS.length]!))
  t.same(new Set(await orderStatuses(running, orders)), new Set(['accepted']), 'all orders taken, none started')

  await setFaults(simulator, { operations: { pack: { responseDelayMs: HELD_ANSWER_MS } } })
  running = await restart()
  const packed = await waitForStats(simulator, 'a packed consignment', (stats) => Object.keys(stats.consignments).length > 0, STEP_DEADLINE_MS)
  await kill(running)
  t.comment(`killed while PRO held the answer to the pack of ${Object.keys(packed.consignments).join(', ')}`)
  const searchesAfterPackKill = (await simulatorStats(simulator)).counts.searchConsignments!
  t.equal(searchesAfterPackKill, 0, 'no search yet: only a recovery looks a pack up')

  await setFaults(simulator, { operations: { allocate: { responseDelayMs: HELD_ANSWER_MS } } })
  const allocatedBefore = allocated(await simulatorStats(simulator))
  running = await restart()
  await waitForStats(simulator, 'a newly allocated consignment', (stats) => allocated(stats) > allocatedBefore, STEP_DEADLINE_MS)
  await kill(running)
  t.comment('killed while PRO held the answer to an allocation')

  await setFaults(simulator, { operations: { manifest: { responseDelayMs: HELD_ANSWER_MS } } })
  running = await restart()
  await waitForOrders(running, orders, 'an order to be labelled', (statuses) => statuses.includes('labelled'), STEP_DEADLINE_MS)
  const manifestCalls = (await simulatorStats(simulator)).counts.manifest!
  // Not awaited: the answer is held back and the service dies meanwhile. Without the route, the cron runs it.
  requestManifestRun(running, STAFF_KEY).catch(() => {})
  await waitForStats(simulator, 'a manifest call', (stats) => stats.counts.manifest! > manifestCalls, MANIFEST_DEADLINE_MS)
  await kill(running)
  t.comment('killed while PRO held the answer to a manifest call')
  // The call is counted before PRO handles it; its answer, not its effect, is held back.
  const manifested = await waitForStats(simulator, 'the held manifest call applied', (stats) => Object.values(stats.consignments).some((c) => c.state === 'Manifested'), STEP_DEADLINE_MS)
  const heardOf = Object.values(manifested.consignments).filter((c) => c.state === 'Manifested').length
  const readsAfterManifestKill = manifested.counts.getConsignment!

  await setFaults(simulator, {})
  const recovered = await restart()
  let manifestRoute = true
  const final = await waitForOrders(recovered, orders, 'every order to be manifested', (statuses) => statuses.every((status) => status === 'manifested'), RECOVERY_DEADLINE_MS,
    async () => { if (manifestRoute) manifestRoute = await requestManifestRun(recovered, STAFF_KEY) })
  t.same(new Set(final), new Set(['manifested']), 'every order manifested')

  const stats = await simulatorStats(simulator)
  t.comment(`simulator calls: ${JSON.stringify(stats.counts)}`)
  t.ok(stats.counts.searchConsignments! > 0, `the consignment whose pack answer was never heard was looked up in PRO (${stats.counts.searchConsignments} searches), not packed again`)
  t.equal(stats.counts.allocate, ORDERS, 'one allocation call per order: the allocation whose answer was never heard was read back from PRO, not made again')
  t.ok(stats.counts.getConsignment! - readsAfterManifestKill >= heardOf,
    `the restart read back the ${heardOf} consignments the killed manifest call had manifested (getConsignment ${readsAfterManifestKill} → ${stats.counts.getConsignment})`)
  t.same(Object.entries(stats.duplicates).filter(([, count]) => count !== 0), [], 'nothing was done twice in PRO')
  t.equal(stats.counts.pack, orders.reduce((sum, order) => sum + order.locations.length, 0), 'no pack was sent twice, killed or not')
  for (const order of orders) {
    const inPro = Object.entries(stats.consignments).filter(([, consignment]) => consignment.orderReference === order.proOrderReference)
    t.equal(inPro.length, order.locations.length, `${order.proOrderReference}: packed once per warehouse`)
    t.same(inPro.map(([, consignment]) => [consignment.state, consignment.manifestCount]), order.locations.map(() => ['Manifested', 1]),
      `${order.proOrderReference}: each consignment manifested once`)
    const view = await orderView(recovered, order)
    t.same(view.consignments.map((consignment) => consignment.reference).sort(), inPro.map(([reference]) => reference).sort(),
      `${order.proOrderReference}: the service knows exactly those consignments`)
    t.same(new Set(view.consignments.map((consignment) => consignment.state)), new Set(['Manifested']))
  }
})
