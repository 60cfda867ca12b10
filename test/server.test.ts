import t from 'tap'
import { once } from 'node:events'
import { freshDataDir } from './helpers/database.js'
import { kill, runToExit, SERVICE_ENTRY, startService } from './helpers/processes.js'

t.test('the server starts on the embedded database and simulator, says so, and stops cleanly on SIGTERM', async (t) => {
  const dataDir = await freshDataDir(t)
  const service = await startService({ DATA_DIR: dataDir })
  t.teardown(() => kill(service))

  const ready = await fetch(`${service.url}/health/ready`)
  t.equal(ready.status, 200)
  const body = await ready.json() as { checks: { pro: { target: string } } }
  t.equal(body.checks.pro.target, 'simulator')
  t.ok(service.logs.some((l) => l.level === 40 && /simulator/.test(String(l.msg))), 'a warning says PRO is simulated')

  service.process.kill('SIGTERM')
  const [code] = await once(service.process, 'exit')
  t.equal(code, 0, 'graceful shutdown exits 0')
  t.ok(service.logs.some((l) => l.msg === 'stopped'))
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
