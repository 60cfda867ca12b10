import t from 'tap'
import { once } from 'node:events'
import pg from 'pg'
import { freshDatabaseUrl } from './helpers/database.js'
import { kill, startService, startSimulator } from './helpers/processes.js'
import { placeOrder, setFaults, simulatorStats, waitForStats } from './services/fulfilment/child-processes.js'

// Child processes (a service, a simulator, PostgreSQL) start slowly on a loaded 2-core machine.
t.setTimeout(300_000)

// Apart from test/server.test.ts: each file of child-process tests stays well inside tap's per-file timeout.
t.test('SIGTERM while a fulfilment job is in flight: the job finishes before the process exits, and nothing is done twice', async (t) => {
  const simulator = await startSimulator()
  t.teardown(() => kill(simulator))
  const databaseUrl = await freshDatabaseUrl(t)
  const env = { DATABASE_URL: databaseUrl, PRO_BASE_URL: simulator.url, PRO_API_KEY: 'server-test-pro-key', MANIFEST_CRON: '0 0 29 2 1' }
  const taking = await startService({ ...env, WORKERS: 'off' })
  t.teardown(() => kill(taking))
  const order = await placeOrder(taking, 0, ['EDC5_Electio'])
  await kill(taking)

  await setFaults(simulator, { operations: { pack: { responseDelayMs: 2000 } } })
  const working = await startService({ ...env, WORKERS: 'inline' })
  t.teardown(() => kill(working))
  await waitForStats(simulator, 'the pack call', (stats) => stats.counts.pack! >= 1, 30_000)
  working.process.kill('SIGTERM')
  const [code] = await once(working.process, 'exit')
  t.equal(code, 0, 'graceful shutdown exits 0')

  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  t.teardown(() => db.end())
  const { rows: [stored] } = await db.query('SELECT status FROM orders WHERE id = $1', [order.orderId])
  t.equal(stored.status, 'labelled', 'the pass in flight ran to its end before the process stopped')
  const { rows: jobs } = await db.query("SELECT state, retry_count FROM pgboss.job WHERE name = 'fulfil-order'")
  t.same(jobs, [{ state: 'completed', retry_count: 0 }], 'the job completed once; it was not failed under its running handler')
  const stats = await simulatorStats(simulator)
  t.equal(stats.counts.pack, 1, 'packed once')
  t.equal(stats.counts.allocate, 1, 'allocated once')
})
