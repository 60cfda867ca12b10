import t from 'tap'
import { buildApp } from '../../helpers/app.js'

t.test(`live and ready on a migrated database and the simulator`, async (t) => {
  const app = await buildApp(t, {})
  const live = await app.inject({ method: 'GET', url: '/health/live' })
  t.equal(live.statusCode, 200)
  t.same(live.json(), { status: 'ok' })

  const ready = await app.inject({ method: 'GET', url: '/health/ready' })
  t.equal(ready.statusCode, 200)
  const body = ready.json()
  t.equal(body.status, 'ready')
  t.match(body.checks, {
    database: { status: 'ok', server: 'external', version: /^\d+\.\d+/ },
    migrations: { status: 'ok' },
    pro: { status: 'ok', target: 'simulator', detail: /SIMULATED/ }
  })
})

t.test('not ready while a migration is pending', async (t) => {
  const app = await buildApp(t)
  await app.db.pool.query('DELETE FROM schema_migrations')
  const ready = await app.inject({ method: 'GET', url: '/health/ready' })
  t.equal(ready.statusCode, 503)
  t.match(ready.json(), { status: 'not_ready', checks: { migrations: { status: 'failing', detail: /pending/ } } })
})

t.test('not ready when PRO cannot be reached', async (t) => {
  // Port 9 (discard) on loopback refuses connections on these machines.
  const app = await buildApp(t, { PRO_BASE_URL: 'http://127.0.0.1:9', PRO_API_KEY: 'k', PRO_CONNECT_TIMEOUT_MS: '500' })
  t.equal(app.proTarget.kind, 'remote')
  const ready = await app.inject({ method: 'GET', url: '/health/ready' })
  t.equal(ready.statusCode, 503)
  t.match(ready.json(), { checks: { pro: { status: 'failing', target: 'remote' }, database: { status: 'ok' } } })
})
