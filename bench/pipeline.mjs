// Measures the fulfilment pipeline: confirms BENCH_ORDERS orders (items in 1–3 warehouses) against the
// stand-alone simulator with 20 ms latency on every PRO call, then times how long until all are
// `labelled`, and how long the manifest run(s) take until all are `manifested`.
// Usage: npm run bench:pipeline   (builds first; drives dist/)
//   FULFILMENT_CONCURRENCY (default 8), PRO_REQUESTS_PER_SECOND (default 1000 here: the service's
//   default of 50 would cap the rate), BENCH_ORDERS (500), BENCH_CLIENTS (10 storefront clients at once),
//   BENCH_LATENCY_MS (20), BENCH_DATABASE_URL (a PostgreSQL server to use instead of the embedded server).
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { randomBytes, randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { freshDatabase } from './lib/database.mjs'
import { tempFolder } from './lib/folder.mjs'
import { sendJson } from './lib/http.mjs'
import { freePort } from './lib/ports.mjs'

const ORDERS = Number(process.env.BENCH_ORDERS ?? 500)
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 10)
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20)
const CONCURRENCY = process.env.FULFILMENT_CONCURRENCY ?? '8'
const PRO_RPS = process.env.PRO_REQUESTS_PER_SECOND ?? '1000'
const STAFF_KEY = `bench-${randomBytes(8).toString('hex')}`
const LOCATIONS = ['EDC5_Electio', 'WH_BRISTOL', 'Sorted1']
/** Midnight on 1 January only: the bench triggers its manifest runs itself. */
const NEVER_CRON = '0 0 1 1 *'
const DEADLINE_MS = 30 * 60_000
const MANIFEST_RUNS = 5
const START_TIMEOUT_MS = 60_000

/** Starts a built entry; its last log lines are printed if it stops on its own. */
function start (entry, env) {
  const child = spawn(process.execPath, [entry], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
  let tail = ''
  child.stdout.on('data', (chunk) => { tail = (tail + chunk.toString()).slice(-4000) })
  child.once('exit', (code, signal) => { if (!stopping) console.error(`${entry} exited (${code ?? signal}):\n${tail}`) })
  return child
}

async function waitUntilUp (url, child) {
  const deadline = Date.now() + START_TIMEOUT_MS
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(url)).status === 200) return
    } catch {}
    await sleep(100)
  }
  throw new Error(`${url} did not answer 200 within ${START_TIMEOUT_MS} ms`)
}

async function request (url, { method = 'GET', headers = {}, body } = {}) {
  const { response, text } = await sendJson(url, { method, headers, body })
  if (response.status >= 300) throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 300)}`)
  return JSON.parse(text)
}

function basket (n) {
  const locations = LOCATIONS.slice(0, 1 + (n % 3))
  return {
    locations,
    items: locations.map((location, index) => ({
      sku: `BENCH-${n}-${index}`,
      quantity: 1 + (n % 2),
      weightKg: 0.5 + index / 10,
      unitPrice: { amount: '15.00', currency: 'GBP' },
      shippingLocation: location
    })),
    destination: { name: `Customer ${n}`, email: `bench${n}@example.com`, phone: '07700900123', addressLines: ['12 Analytical Row'], town: 'London', postcode: 'N1 9GU', countryCode: 'GB' }
  }
}

/** Runs `work(i)` for i in [0, count) with `parallel` at a time. */
async function inParallel (count, parallel, work) {
  let next = 0
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < count) await work(next++)
  }))
}

/**
 * Polls the oldest unfinished orders a window at a time until every order has one of `statuses`;
 * answers when the last one was seen so. New orders may join `orders` until `allKnown()` holds.
 */
async function waitForStatuses (service, orders, statuses, allKnown = () => true) {
  const deadline = Date.now() + DEADLINE_MS
  let seen = 0
  const pending = []
  for (;;) {
    while (seen < orders.length) pending.push(orders[seen++])
    if (pending.length === 0 && allKnown()) return Date.now()
    if (Date.now() > deadline) throw new Error(`${pending.length} orders not ${statuses.join('/')} after ${DEADLINE_MS} ms`)
    const window = pending.slice(0, 16)
    const views = await Promise.all(window.map((order) =>
      request(`${service}/checkout/orders/${order.orderId}`, { headers: { authorization: `Bearer ${order.orderToken}` } })))
    const stuck = views.find((view) => view.status === 'needs_attention' || view.status === 'failed')
    if (stuck) throw new Error(`order ${stuck.orderId} is ${stuck.status}: ${stuck.statusReason}`)
    const finished = window.filter((_, i) => statuses.includes(views[i].status))
    for (const order of finished) pending.splice(pending.indexOf(order), 1)
    if (finished.length < window.length || pending.length === 0) await sleep(100)
  }
}

const seconds = (ms) => (ms / 1000).toFixed(1)
const rate = (count, ms) => (count / (ms / 1000)).toFixed(1)

let stopping = false
const dir = await tempFolder('bff-bench-pipeline-')
// A fresh database on BENCH_DATABASE_URL's server, dropped afterwards; or none: the embedded server.
const database = process.env.BENCH_DATABASE_URL ? await freshDatabase(process.env.BENCH_DATABASE_URL, 'bench_pipeline') : undefined
const [simulatorPort, servicePort] = [await freePort(), await freePort()]
const simulatorUrl = `http://127.0.0.1:${simulatorPort}`
const service = `http://127.0.0.1:${servicePort}`
const settings = {
  FULFILMENT_CONCURRENCY: CONCURRENCY,
  PRO_REQUESTS_PER_SECOND: PRO_RPS,
  PRO_MAX_CONCURRENT: process.env.PRO_MAX_CONCURRENT ?? '32',
  PRO_MAX_CONNECTIONS: process.env.PRO_MAX_CONNECTIONS ?? '16'
}
const simulator = start('dist/sandbox/server.js', { SANDBOX_PORT: String(simulatorPort), SANDBOX_FAULTS: JSON.stringify({ latencyMs: LATENCY_MS }), LOG_LEVEL: 'warn' })
const app = start('dist/server.js', {
  ...settings,
  PORT: String(servicePort),
  LOG_LEVEL: 'warn',
  PRO_BASE_URL: simulatorUrl,
  PRO_API_KEY: 'bench-pro-key',
  ...(database ? { DATABASE_URL: database.url } : { DATA_DIR: join(dir, 'data') }),
  WORKERS: 'inline',
  MANIFEST_CRON: NEVER_CRON,
  STAFF_API_KEYS: STAFF_KEY,
  RATE_LIMIT_MAX: '1000000'
})
try {
  await waitUntilUp(`${simulatorUrl}/_sandbox/stats`, simulator)
  await waitUntilUp(`${service}/health/ready`, app)
  console.log(`settings: ${ORDERS} orders in 1–3 warehouses, ${CLIENTS} storefront clients, simulator latency ${LATENCY_MS} ms, ` +
    `database ${database ? 'PostgreSQL (BENCH_DATABASE_URL)' : 'embedded PostgreSQL server'}, ${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(' ')}`)

  const offers = new Array(ORDERS)
  const optionsStarted = Date.now()
  await inParallel(ORDERS, CLIENTS, async (n) => {
    const { locations, items, destination } = basket(n)
    const { options } = await request(`${service}/checkout/options`, { method: 'POST', body: { items, destination } })
    offers[n] = { optionId: options[0].id, items, locations }
  })
  console.log(`options: ${ORDERS} in ${seconds(Date.now() - optionsStarted)} s (${rate(ORDERS, Date.now() - optionsStarted)}/s)`)

  const orders = []
  let confirmsDone = false
  const firstConfirm = Date.now()
  const confirming = inParallel(ORDERS, CLIENTS, async (n) => {
    const { optionId, items } = offers[n]
    const confirmed = await request(`${service}/checkout/confirm`, {
      method: 'POST', headers: { 'idempotency-key': randomUUID() }, body: { optionId, orderReference: `BENCH-${n}`, items }
    })
    orders.push(confirmed)
  }).then(() => { confirmsDone = true; return Date.now() })
  const [lastConfirm, labelled] = await Promise.all([confirming, waitForStatuses(service, orders, ['labelled'], () => confirmsDone)])
  console.log(`confirm: ${ORDERS} in ${seconds(lastConfirm - firstConfirm)} s (${rate(ORDERS, lastConfirm - firstConfirm)}/s, pipeline running meanwhile)`)
  console.log(`labelled: all ${ORDERS} ${seconds(labelled - firstConfirm)} s after the first confirm (${rate(ORDERS, labelled - firstConfirm)} orders/s)`)

  // A run answers once it has recorded what PRO manifested; consignments that failed wait for the next run.
  const manifestStarted = Date.now()
  const runs = []
  do {
    runs.push(await request(`${service}/manifests`, { method: 'POST', headers: { authorization: `Bearer ${STAFF_KEY}` } }))
  } while (runs.length < MANIFEST_RUNS && runs.at(-1).batches.some((batch) => batch.failed > 0))
  const manifestEnded = Date.now()
  await waitForStatuses(service, orders, ['manifested'])
  const batches = runs.flatMap((run) => run.batches)
  console.log(`manifest: ${runs.length} run(s), ${batches.length} batches, ${batches.reduce((sum, b) => sum + b.manifested, 0)} consignments manifested ` +
    `in ${seconds(manifestEnded - manifestStarted)} s; every order manifested`)
  console.log(`pipeline: ${ORDERS} orders from the first confirm to manifested in ${seconds(manifestEnded - firstConfirm)} s (${rate(ORDERS, manifestEnded - firstConfirm)} orders/s)`)

  const stats = await request(`${simulatorUrl}/_sandbox/stats`)
  const calls = Object.entries(stats.counts).filter(([, count]) => count > 0).map(([operation, count]) => `${operation}=${count}`).join(' ')
  console.log(`simulator: duplicates ${JSON.stringify(stats.duplicates)}; calls ${calls}`)
} finally {
  stopping = true
  for (const child of [app, simulator]) {
    if (child.exitCode !== null) continue
    child.kill('SIGTERM')
    await once(child, 'exit')
  }
  await database?.drop()
  await rm(dir, { recursive: true, force: true })
}
