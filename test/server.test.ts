import t from 'tap'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import { freshDataDir } from './helpers/database.js'
import { kill, runToExit, SERVICE_ENTRY, startService, startSimulator, type Child } from './helpers/processes.js'
import { orderStatuses, orderView, placeOrder, requestManifestRun, type PlacedOrder } from './services/fulfilment/child-processes.js'
import { isAlive, postmasterPid } from '../src/services/store/embedded/postmaster.js'
import { clusterDir } from '../src/services/store/embedded/server.js'

// Child processes (a service, a simulator, PostgreSQL) start slowly on a loaded 2-core machine.
t.setTimeout(300_000)

t.test('the server starts on the embedded database and simulator, says so, and stops cleanly on SIGTERM', async (t) => {
  const dataDir = await freshDataDir(t)
  const service = await startService({ DATA_DIR: dataDir })
  t.teardown(() => kill(service))

  const ready = await fetch(`${service.url}/health/ready`)
  t.equal(ready.status, 200)
  const body = await ready.json() as { checks: { pro: { target: string }, database: { server: string, version: string, detail: string } } }
  t.equal(body.checks.pro.target, 'simulator')
  t.match(body.checks.database, { server: 'embedded', version: /^17\.\d+$/, detail: /^embedded PostgreSQL 17\.\d+ server/ }, 'the database is the embedded server, with its version')
  t.ok(service.logs.some((l) => l.level === 40 && /simulator/.test(String(l.msg))), 'a warning says PRO is simulated')

  service.process.kill('SIGTERM')
  const [code] = await once(service.process, 'exit')
  t.equal(code, 0, 'graceful shutdown exits 0')
  t.ok(service.logs.some((l) => l.msg === 'stopped'))
  t.ok(service.logs.some((l) => l.msg === 'embedded PostgreSQL server stopped'), 'the embedded server was stopped with it')
})

const STAFF_KEY = 'server-test-staff-key-0001'

async function waitForOrders (service: Child, orders: PlacedOrder[], status: string, poke?: () => Promise<unknown>): Promise<void> {
  const deadline = Date.now() + 60_000
  for (;;) {
    const statuses = await orderStatuses(service, orders)
    if (statuses.every((s) => s === status)) return
    if (Date.now() > deadline) throw new Error(`orders not ${status}: ${statuses.join(', ')}`)
    await poke?.()
    await sleep(250)
  }
}

t.test('SIGKILL of the service alone: the next start adopts the embedded server, and every order confirmed before is kept and manifested', async (t) => {
  const simulator = await startSimulator()
  t.teardown(() => kill(simulator))
  const dataDir = await freshDataDir(t)
  const env = { DATA_DIR: dataDir, PRO_BASE_URL: simulator.url, PRO_API_KEY: 'server-test-pro-key', STAFF_API_KEYS: STAFF_KEY, MANIFEST_CRON: '0 0 29 2 1' }
  const first = await startService({ ...env, WORKERS: 'off' })
  t.teardown(() => kill(first))
  const orders: PlacedOrder[] = []
  for (let n = 0; n < 5; n += 1) orders.push(await placeOrder(first, n, ['EDC5_Electio', 'WH_BRISTOL']))
  const serverPid = (await postmasterPid(clusterDir(dataDir)))!

  await kill(first)
  t.ok(isAlive(serverPid), 'the PostgreSQL server outlived the killed service')

  const restarted = Date.now()
  const second = await startService({ ...env, WORKERS: 'inline' })
  t.teardown(() => kill(second))
  t.comment(`ready ${Date.now() - restarted} ms after the restart began`)
  t.ok(second.logs.some((l) => /adopted/.test(String(l.msg)) && l.serverPid === serverPid), 'the restart adopted the server left running')
  const statuses = await orderStatuses(second, orders)
  t.ok(statuses.every((s) => ['accepted', 'packed', 'allocated', 'labelled'].includes(s)), `every order confirmed before the kill is there (${statuses.join(', ')})`)

  await waitForOrders(second, orders, 'labelled')
  await waitForOrders(second, orders, 'manifested', () => requestManifestRun(second, STAFF_KEY))
  for (const order of orders) {
    const view = await orderView(second, order)
    t.same(view.consignments.map((c) => c.state), ['Manifested', 'Manifested'], `${order.proOrderReference}: both consignments manifested`)
  }
})

t.test('a bad variable stops the process with a message naming it', async (t) => {
  const { code, stderr } = await runToExit(SERVICE_ENTRY, { PORT: 'not-a-port' })
  t.equal(code, 1)
  t.match(stderr, /PORT/)
})

t.test('production without PRO_BASE_URL refuses to start', async (t) => {
  const { code, stderr } = await runToExit(SERVICE_ENTRY, { NODE_ENV: 'production', PRO_BASE_URL: '' })
  t.equal(code, 1)
  t.match(stderr, /PRO_BASE_URL/)
})
