// Measures how long a service killed with a backlog takes to answer GET /health/ready again
// (PRO is the stand-alone simulator, which outlives the service):
// confirms BENCH_BACKLOG orders (default 300) on a service whose workers are off, so every order
// waits in the fulfilment queue; SIGKILLs it (its embedded PostgreSQL server keeps running); then
// starts it again with workers and times `npm start` to /health/ready = 200, and until every
// order is labelled.
// Usage: npm run bench:restart   (builds first; temporary DATA_DIR; BENCH_PORT or 3997)
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { access, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { tempFolder } from './lib/folder.mjs'

const PORT = process.env.BENCH_PORT ?? '3997'
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 300)
const SIMULATOR_PORT = String(Number(PORT) + 1)
const service = `http://127.0.0.1:${PORT}`
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

function start (dataDir, env) {
  return spawn('npm', ['start', '--silent'], {
    env: { ...process.env, PORT, DATA_DIR: dataDir, PRO_BASE_URL: `http://127.0.0.1:${SIMULATOR_PORT}`, PRO_API_KEY: 'bench-pro-key', LOG_LEVEL: process.env.BENCH_DEBUG ? 'info' : 'warn', RATE_LIMIT_MAX: '1000000', PRO_REQUESTS_PER_SECOND: '1000', ...env },
    stdio: process.env.BENCH_DEBUG ? 'inherit' : 'ignore',
    detached: true
  })
}

async function untilReady (started) {
  for (;;) {
    if (await fetch(`${service}/health/ready`).then((r) => r.status === 200, () => false)) return Date.now() - started
    if (Date.now() - started > 120_000) throw new Error('not ready within 120 s')
    await pause(10)
  }
}

async function post (path, body, headers = {}) {
  const response = await fetch(`${service}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) })
  const text = await response.text()
  if (response.status >= 300) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 200)}`)
  return JSON.parse(text)
}

async function confirmOne (n) {
  const basket = {
    items: [{ sku: `RESTART-${n}`, quantity: 1, weightKg: 0.5, unitPrice: { amount: '15.00', currency: 'GBP' }, shippingLocation: 'EDC5_Electio' }],
    destination: { name: `Customer ${n}`, addressLines: ['12 Analytical Row'], town: 'London', postcode: 'N1 9GU', countryCode: 'GB' }
  }
  const { options } = await post('/checkout/options', basket)
  const confirmed = await post('/checkout/confirm', { optionId: options[0].id, orderReference: `RESTART-${n}` }, { 'idempotency-key': randomUUID() })
  return confirmed
}

async function stop (child) {
  process.kill(-child.pid, 'SIGTERM')
  await new Promise((resolve) => child.once('exit', resolve))
}

const dir = await tempFolder('bff-bench-restart-')
const dataDir = join(dir, 'data')
const simulator = spawn(process.execPath, ['dist/sandbox/server.js'], { env: { ...process.env, SANDBOX_PORT: SIMULATOR_PORT, LOG_LEVEL: 'warn' }, stdio: 'ignore' })
try {
  const taking = start(dataDir, { WORKERS: 'off' })
  await untilReady(Date.now())
  const orders = []
  let next = 0
  await Promise.all(Array.from({ length: 10 }, async () => {
    while (next < BACKLOG) orders.push(await confirmOne(next++))
  }))
  process.kill(-taking.pid, 'SIGKILL')
  await new Promise((resolve) => taking.once('exit', resolve))

  const restartedAt = Date.now()
  const working = start(dataDir, { WORKERS: 'inline' })
  const readyMs = await untilReady(restartedAt)
  let labelled = 0
  while (labelled < orders.length) {
    labelled = 0
    for (const order of orders) {
      const view = await fetch(`${service}/checkout/orders/${order.orderId}`, { headers: { authorization: `Bearer ${order.orderToken}` } }).then((r) => r.json())
      if (view.status === 'labelled') labelled++
    }
    if (process.env.BENCH_DEBUG) console.log(`${Date.now() - restartedAt} ms: ${labelled} labelled`)
    if (Date.now() - restartedAt > 600_000) throw new Error(`${orders.length - labelled} orders not labelled after 10 minutes`)
  }
  const labelledMs = Date.now() - restartedAt
  await stop(working)
  console.log(`SIGKILL with ${BACKLOG} confirmed orders waiting in the queue, then npm start again (workers on)`)
  console.log(`ready (GET /health/ready 200): ${readyMs} ms after the restart began`)
  console.log(`every order labelled: ${labelledMs} ms after the restart began`)
} finally {
  simulator.kill('SIGTERM')
  // The service stops its embedded server on SIGTERM; after a failure, stop a server left running.
  const pidFile = join(dataDir, 'postgres', 'postmaster.pid')
  for (let waited = 0; await access(pidFile).then(() => true, () => false); waited += 20) {
    if (waited === 10_000) process.kill(Number((await readFile(pidFile, 'utf8')).split('\n')[0]), 'SIGTERM')
    await pause(20)
  }
  await rm(dir, { recursive: true, force: true })
}
