// Chaos run: storefront clients check out against the service while the stand-alone PRO simulator
// injects faults and the service is SIGKILLed and restarted; then every order is manifested and the
// result is checked against the database and the simulator: nothing lost, nothing done twice.
// Usage: npm run chaos   (builds first; drives dist/). Prints a table; exits 1 on any loss, duplicate
// beyond the allowance, unmanifested order, unexpected answer, or a wait after a restart over the limit.
// Settings, as environment variables or flags (CHAOS_ERROR_RATE=0.2 or --error-rate=0.2):
//   CHAOS_ORDERS (1000) checkouts, CHAOS_CLIENTS (16) storefront clients at once, CHAOS_KILLS (3)
//   SIGKILLs of the service at random instants spread over the checkout phase, each followed at once by
//   a restart on the same port and database. Faults on every PRO call: CHAOS_ERROR_RATE (0.10, 503),
//   CHAOS_HANG_RATE (0.05, never answered), CHAOS_RATE_LIMIT_RATE (0.03, 429) plus 429 bursts
//   (CHAOS_BURST_RATE 0.7 of calls for CHAOS_BURST_MS 1500 about every CHAOS_BURST_EVERY_MS 20000; rate 0
//   turns them off), CHAOS_LOST_RESPONSE_RATE (0.02: PRO acts, the answer is lost), CHAOS_LATENCY_MS (20)
//   ± CHAOS_JITTER_MS (10). CHAOS_IDENTICAL_RATE (0.10) of checkouts use one of three identical baskets
//   and addresses and pick the same option on purpose. CHAOS_SEED (random; printed) seeds the simulator's
//   fault dice (SANDBOX_SEED), the baskets, the clients' choices and the kill instants; timing still varies.
//   CHAOS_MODE: `single` (one service; the embedded PostgreSQL server in a temporary DATA_DIR, or a fresh
//   database on CHAOS_DATABASE_URL's server) or `two` (two services with inline workers on one fresh
//   database of CHAOS_DATABASE_URL's server — without it, of an embedded PostgreSQL server this script
//   starts — each client request going to either; one of them, at random, is killed each time).
//   CHAOS_CALL_TIMEOUT_MS (5000) becomes the service's PRO_CALL_TIMEOUT_MS (default 20000), so that hung
//   background calls do not stall the run. CHAOS_GIVE_UP_MS (120000): a client gives a checkout up after
//   that long. CHAOS_LABEL_DEADLINE_MS (600000) and CHAOS_MANIFEST_DEADLINE_MS (the larger of 300000 and
//   600 per order) bound the wait for labels and the manifest runs. CHAOS_WAIT_LIMIT_S (60): limit of the
//   worst wait after a restart (0: report only). CHAOS_KEEP=1 keeps the temporary folder (logs, embedded
//   data) and database; a failed run always keeps the logs. FULFILMENT_CONCURRENCY (8) and
//   PRO_REQUESTS_PER_SECOND (1000) are passed to the service.
// Checks: every order answered 201 exists with PRO's reference and ends `manifested` (and so does every
// order the service accepted without a 201 reaching a client); each has one consignment per warehouse,
// with a stored label, `Manifested`, manifested exactly once in PRO; PRO holds no consignment the service
// does not know; the simulator saw no consignment, allocation or manifest twice. Duplicate PRO orders
// are allowed for a select-as-order whose answer PRO counted as lost, and for a confirm under way at a
// kill (PRO may have answered just before the process died: PRO has no order search, docs/pipeline.md).
// Wait after a restart: for each order whose fulfilment pass the killed process held (a pass lease live
// at the kill that was never renewed, or in single mode an active job), the time from the restart being
// ready until the order's status moved on; the table also shows it for every order mid-fulfilment at
// the kill, which includes pg-boss's retry backoff after PRO faults.
// The parts: bench/chaos/settings.mjs (the settings above), processes.mjs (service, simulator, embedded
// server, clean-up), clients.mjs (storefront checkouts), watch.mjs (statuses, kills, bursts), checks.mjs
// and report.mjs; state.mjs holds what they share while the run goes on.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { freshDatabase } from './lib/database.mjs'
import { tempFolder } from './lib/folder.mjs'
import { freePort } from './lib/ports.mjs'
import {
  BURST, CLIENTS, DATABASE_SERVER, FAULTS, IDENTICAL_RATE, KILLS, LABEL_DEADLINE_MS, MANIFEST_DEADLINE_MS, MODE, NEVER_CRON,
  ORDERS, POLL_MS, SEED, SERVICE_SETTINGS, STAFF_KEY
} from './chaos/settings.mjs'
import { checkout, inParallel, serviceUrl, tally } from './chaos/clients.mjs'
import { check } from './chaos/checks.mjs'
import { call, elapsed, seconds } from './chaos/helpers.mjs'
import { Service, cleanUp, embeddedModule, silentLog, startEntry, waitUntilUp } from './chaos/processes.mjs'
import { printResult, report } from './chaos/report.mjs'
import { run } from './chaos/state.mjs'
import { bursts, killer, monitor, orderState, pollStatuses, restarts, statusCounts } from './chaos/watch.mjs'

run.dir = await tempFolder('bff-chaos-')
run.logDir = join(run.dir, 'logs')
await mkdir(run.logDir)
run.started = Date.now()
const failures = run.failures
const result = {}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`!! ${signal}: stopping everything`)
    failures.push(`interrupted by ${signal}`)
    cleanUp().finally(() => process.exit(130))
  })
}

try {
  // Databases: the embedded default, or a fresh database on a server.
  let serviceDb
  let dataDir
  if (DATABASE_SERVER) {
    run.database = await freshDatabase(DATABASE_SERVER, 'chaos')
    serviceDb = { DATABASE_URL: run.database.url }
  } else if (MODE === 'two') {
    const { startEmbeddedServer, embeddedServerUrl } = await embeddedModule()
    run.ownServerDir = join(run.dir, 'server')
    await startEmbeddedServer({ dataDir: run.ownServerDir, log: silentLog, durable: false })
    run.database = await freshDatabase(embeddedServerUrl(run.ownServerDir, 'postgres'), 'chaos')
    serviceDb = { DATABASE_URL: run.database.url }
  } else {
    dataDir = join(run.dir, 'data')
    serviceDb = { DATA_DIR: dataDir }
  }

  const simulatorPort = await freePort()
  const simulatorUrl = `http://127.0.0.1:${simulatorPort}`
  const simulator = startEntry('sandbox/server.js', {
    ...process.env, SANDBOX_PORT: String(simulatorPort), SANDBOX_FAULTS: JSON.stringify(FAULTS), SANDBOX_SEED: String(SEED), LOG_LEVEL: 'warn'
  }, 'simulator.log')
  run.simulator = simulator
  simulator.once('exit', (code, signal) => { if (!run.stopping) run.unexpectedExits.push(`the simulator exited (${code ?? signal})`) })

  const baseEnv = { ...process.env }
  for (const name of ['DATABASE_URL', 'DATA_DIR', 'PORT', 'SANDBOX_FAULTS', 'SANDBOX_SEED', 'NODE_ENV']) delete baseEnv[name]
  const serviceEnv = {
    ...baseEnv,
    ...SERVICE_SETTINGS,
    ...serviceDb,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    PRO_BASE_URL: simulatorUrl,
    PRO_API_KEY: 'chaos-pro-key',
    WORKERS: 'inline',
    MANIFEST_CRON: NEVER_CRON,
    STAFF_API_KEYS: STAFF_KEY,
    RATE_LIMIT_MAX: '1000000'
  }
  run.services = await Promise.all((MODE === 'two' ? ['A', 'B'] : ['A']).map(async (name) => new Service(name, await freePort(), serviceEnv)))
  await waitUntilUp(`${simulatorUrl}/_sandbox/stats`, simulator)
  // The first start runs the migrations; a second one at once would only wait on their lock.
  for (const service of run.services) await service.startAndWait()
  run.monitorDb = new pg.Pool({ connectionString: dataDir ? (await embeddedModule()).embeddedServerUrl(dataDir, 'postgres') : run.database.url, max: 2 })
  run.monitorDb.on('error', () => undefined)

  const where = DATABASE_SERVER ? 'a fresh database on CHAOS_DATABASE_URL' : MODE === 'two' ? 'an embedded PostgreSQL server started by this script' : 'the embedded PostgreSQL server in a temporary DATA_DIR'
  console.log(`chaos: seed ${SEED} (CHAOS_SEED=${SEED} repeats the fault dice and the baskets; timing still varies), mode ${MODE}, ${where}`)
  console.log(`  ${ORDERS} checkouts by ${CLIENTS} clients (${Math.round(IDENTICAL_RATE * 100)}% identical on purpose), ${KILLS} SIGKILL(s) of ${MODE === 'two' ? 'one of two services' : 'the service'} with restarts`)
  console.log(`  PRO faults: ${Object.entries(FAULTS).map(([k, v]) => `${k}=${v}`).join(' ')}; 429 bursts ${BURST.rate > 0 ? `of ${BURST.rate} for ${BURST.ms} ms about every ${BURST.everyMs} ms` : 'off'}`)
  console.log(`  service: ${Object.entries(SERVICE_SETTINGS).map(([k, v]) => `${k}=${v}`).join(' ')} (PRO_CALL_TIMEOUT_MS lowered from its default 20000 so hung background calls end sooner)`)
  console.log(`  logs: ${run.logDir}`)

  // Phase 1: checkouts, with kills and bursts meanwhile.
  let checkoutsDone = false
  let runDone = false
  const watching = monitor(() => run.monitorStop)
  const bursting = bursts(simulatorUrl, () => runDone)
  const progress = setInterval(() => {
    console.log(`.. ${elapsed()}: checkouts ${tally.finished}/${ORDERS} (201: ${tally.confirmed.length}, gave up ${tally.gaveUp.length}); orders ${statusCounts()}`)
  }, 15_000)
  const checkoutStarted = Date.now()
  const killing = killer(() => checkoutsDone)
  await inParallel(ORDERS, CLIENTS, checkout)
  checkoutsDone = true
  await killing
  result.checkoutMs = Date.now() - checkoutStarted
  console.log(`.. ${elapsed()}: checkout phase over in ${seconds(result.checkoutMs)}: ${tally.confirmed.length} confirmed, ${tally.gaveUp.length} gave up, ${tally.rejected.length} rejected`)

  // Phase 2: every accepted order labelled.
  const labelDeadline = Date.now() + LABEL_DEADLINE_MS
  for (;;) {
    await pollStatuses()
    const open = [...orderState.values()].filter((s) => ['accepted', 'packed', 'allocated'].includes(s)).length
    if (open === 0) break
    if (Date.now() > labelDeadline) {
      failures.push(`${open} orders not labelled ${seconds(LABEL_DEADLINE_MS)} after the checkout phase`)
      break
    }
    await sleep(POLL_MS)
  }
  result.labelledAt = Date.now()
  const lastReady = restarts.reduce((latest, r) => Math.max(latest, r.readyAt ?? 0), 0)
  console.log(`.. ${elapsed()}: fulfilment settled; orders ${statusCounts()}`)

  // Phase 3: manifest runs until every labelled consignment is manifested.
  const manifestDeadline = Date.now() + MANIFEST_DEADLINE_MS
  let manifestRuns = 0
  const manifestAnswers = new Map()
  for (;;) {
    const answer = await call(`${serviceUrl()}/manifests`, { method: 'POST', headers: { authorization: `Bearer ${STAFF_KEY}` }, timeoutMs: 120_000 })
    manifestRuns++
    const label = answer.status === 0 ? answer.error : String(answer.status)
    manifestAnswers.set(label, (manifestAnswers.get(label) ?? 0) + 1)
    const { rows } = await run.monitorDb.query("SELECT count(*) FILTER (WHERE o.status = 'labelled') AS waiting FROM orders o")
    if (Number(rows[0].waiting) === 0) break
    if (Date.now() > manifestDeadline) {
      failures.push(`${rows[0].waiting} labelled orders not manifested after ${manifestRuns} manifest runs (${seconds(MANIFEST_DEADLINE_MS)})`)
      break
    }
    await sleep(1000)
  }
  runDone = true
  run.monitorStop = true
  clearInterval(progress)
  await Promise.all([watching, bursting])
  await pollStatuses()
  result.manifestRuns = manifestRuns
  result.manifestAnswers = Object.fromEntries(manifestAnswers)
  console.log(`.. ${elapsed()}: ${manifestRuns} manifest run(s) (${[...manifestAnswers].map(([k, v]) => `${k}: ${v}`).join(', ')}); orders ${statusCounts()}`)

  // Phase 4: checks, against the database and the simulator; then the table.
  const findings = await check(simulatorUrl, lastReady, result.labelledAt)
  result.summary = await report(findings, result)
} catch (err) {
  failures.push(`the run stopped: ${err.stack ?? err}`)
} finally {
  await cleanUp()
}

printResult(result.summary)
process.exit(failures.length === 0 ? 0 : 1)
