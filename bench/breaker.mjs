// Measures `POST /checkout/options` while PRO hangs on every call: the first calls wait out
// PRO_INTERACTIVE_TIMEOUT_MS (default 4 s) until the circuit breaker opens; after that every answer
// should be a fast 503 UPSTREAM_UNAVAILABLE (one probe call per half-open period still waits).
// Usage: npm run bench:breaker   (builds first; the service on a temporary embedded DATA_DIR with the
//   in-process simulator told to hang: SANDBOX_FAULTS={"hangRate":1}; BENCH_PORT or 3998,
//   BENCH_REQUESTS (1000) unique baskets, BENCH_CLIENTS (20) at once)
import { spawn } from 'node:child_process'
import { access, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { tempFolder } from './lib/folder.mjs'

const PORT = process.env.BENCH_PORT ?? '3998'
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000)
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20)
const service = `http://127.0.0.1:${PORT}`
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

function basket (n) {
  return {
    items: [{ sku: `BREAKER-${n}`, quantity: 1, weightKg: 0.5, unitPrice: { amount: '15.00', currency: 'GBP' } }],
    destination: { name: `Customer ${n}`, addressLines: ['12 Analytical Row'], town: 'London', postcode: 'N1 9GU', countryCode: 'GB' }
  }
}

async function options (n) {
  const started = performance.now()
  const response = await fetch(`${service}/checkout/options`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(basket(n))
  })
  const body = await response.json()
  return { ms: performance.now() - started, status: response.status, code: body.code }
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)]

const dir = await tempFolder('bff-bench-breaker-')
const child = spawn('npm', ['start', '--silent'], {
  env: { ...process.env, PORT, DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'warn', SANDBOX_FAULTS: JSON.stringify({ hangRate: 1 }), RATE_LIMIT_MAX: '1000000' },
  stdio: 'ignore',
  detached: true
})
try {
  for (let ready = false; !ready; await pause(50)) {
    ready = await fetch(`${service}/health/live`).then((r) => r.status === 200, () => false)
  }
  // Until the breaker opens: each call waits out the interactive deadline.
  const opening = []
  for (let n = 0; n < 20; n++) {
    const result = await options(-1 - n)
    opening.push(result)
    if (result.ms < 500) break
  }
  const results = new Array(REQUESTS)
  let next = 0
  const started = performance.now()
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (next < REQUESTS) {
      const n = next++
      results[n] = await options(n)
    }
  }))
  const seconds = (performance.now() - started) / 1000
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b)
  const statuses = Object.entries(results.reduce((counts, r) => ({ ...counts, [`${r.status} ${r.code ?? ''}`.trim()]: (counts[`${r.status} ${r.code ?? ''}`.trim()] ?? 0) + 1 }), {}))
  console.log(`PRO hangs on every call; POST /checkout/options, ${REQUESTS} unique baskets, ${CLIENTS} clients`)
  console.log(`before the breaker opened: ${opening.length} calls, ${opening.map((r) => `${Math.round(r.ms)} ms ${r.status}`).join(', ')}`)
  console.log(`once open: ${seconds.toFixed(1)} s, answers ${statuses.map(([k, v]) => `${k} × ${v}`).join(', ')}`)
  console.log(`latency ms: p50 ${percentile(sorted, 50).toFixed(1)}, p99 ${percentile(sorted, 99).toFixed(1)}, max ${sorted.at(-1).toFixed(1)}`)
} finally {
  process.kill(-child.pid, 'SIGTERM')
  await new Promise((resolve) => child.once('exit', resolve))
  const pidFile = join(dir, 'data', 'postgres', 'postmaster.pid')
  while (await access(pidFile).then(() => true, () => false)) await pause(20)
  await rm(dir, { recursive: true, force: true })
}
