import t from 'tap'
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import { freshDatabaseUrl } from './helpers/database.js'
import { kill, runToExit, startService, startSimulator, startWorker, WORKER_ENTRY } from './helpers/processes.js'
import { orderStatuses, placeOrder, type PlacedOrder } from './services/fulfilment/child-processes.js'

t.test('the worker process refuses to start without a shared database and a PRO it can reach', async (t) => {
  const noDatabase = await runToExit(WORKER_ENTRY, { DATABASE_URL: '', PRO_BASE_URL: 'http://127.0.0.1:9', PRO_API_KEY: 'k' })
  t.equal(noDatabase.code, 1)
  t.match(noDatabase.stderr, /DATABASE_URL is required for a separate worker process/)
  const noPro = await runToExit(WORKER_ENTRY, { DATABASE_URL: 'postgres://127.0.0.1:9/none', PRO_BASE_URL: '' })
  t.equal(noPro.code, 1)
  t.match(noPro.stderr, /PRO_BASE_URL is required for a separate worker process/)
})

t.test('orders taken by an HTTP process with WORKERS=off are fulfilled by the worker process, which stops cleanly on SIGTERM', async (t) => {
  const simulator = await startSimulator()
  t.teardown(() => kill(simulator))
  const env = { DATABASE_URL: await freshDatabaseUrl(t), PRO_BASE_URL: simulator.url, PRO_API_KEY: 'worker-test-pro-key' }
  const service = await startService({ ...env, WORKERS: 'off' })
  t.teardown(() => kill(service))
  const orders: PlacedOrder[] = []
  for (let n = 0; n < 3; n += 1) orders.push(await placeOrder(service, n, ['EDC5_Electio', 'WH_BRISTOL']))
  await sleep(1500)
  t.same(await orderStatuses(service, orders), ['accepted', 'accepted', 'accepted'], 'the HTTP process fulfils nothing itself')

  const worker = await startWorker(env)
  t.teardown(() => kill(worker))
  const deadline = Date.now() + 60_000
  let statuses = await orderStatuses(service, orders)
  while (!statuses.every((s) => s === 'labelled') && Date.now() < deadline) {
    await sleep(250)
    statuses = await orderStatuses(service, orders)
  }
  t.same(statuses, ['labelled', 'labelled', 'labelled'], 'the worker packed, allocated and labelled every order')

  worker.process.kill('SIGTERM')
  const [code] = await once(worker.process, 'exit')
  t.equal(code, 0, 'the worker exits 0 on SIGTERM')
  t.ok(worker.logs.some((l) => l.msg === 'worker stopped'))
})
