// Watching the database: order statuses over time, and each restart's wait; the kills and the 429
// bursts that the run throws in meanwhile.
import { once } from 'node:events'
import { setTimeout as sleep } from 'node:timers/promises'
import { tally } from './clients.mjs'
import { call, elapsed, generator, pick, seconds } from './helpers.mjs'
import { BURST, DONE_FULFILLING, FAULTS, FLOW, KILLS, MODE, ORDERS, POLL_MS, SEED, rank } from './settings.mjs'
import { run } from './state.mjs'

export const orderState = new Map() // orderId → status
/**
 * One per kill. `watch`: every order mid-fulfilment at the kill (or whose pass lease was live), its
 * status then, and how long after the restart was ready it first moved on (`moved`). `held`: the
 * orders whose fulfilment pass the killed process held — a pass lease live at the kill that was
 * never renewed afterwards (its holder is dead), or, in single mode, an active fulfilment job.
 * Other orders of the watch may simply wait out pg-boss's retry backoff after PRO faults.
 */
export const restarts = []
const IN_FULFILMENT = ['accepted', 'packed', 'allocated']
const PASS_PREFIX = 'fulfil:'

/** Live pass leases of the dead process are told apart from a live process's by never being renewed. */
async function classifyLeases (restart, rows, dbNow) {
  const byName = new Map(rows.map((row) => [row.name, row]))
  for (const [orderId, lease] of restart.pendingLeases) {
    const row = byName.get(PASS_PREFIX + orderId)
    const sameHolder = row !== undefined && row.owner === lease.owner
    if (sameHolder && row.expires_at > lease.expiresAt) restart.pendingLeases.delete(orderId) // renewed: a live holder
    else if (dbNow < lease.expiresAt) {
      if (!sameHolder) restart.pendingLeases.delete(orderId) // released before it ran out: a live holder
    } else {
      restart.held.add(orderId)
      restart.pendingLeases.delete(orderId)
    }
  }
}

export async function pollStatuses () {
  const { rows } = await run.monitorDb.query('SELECT id, status FROM orders')
  const now = Date.now()
  // Rows go when PRO certainly did not make the order (the confirm's key is forgotten): they go here too.
  orderState.clear()
  for (const { id, status } of rows) orderState.set(id, status)
  if (restarts.some((r) => r.pendingLeases.size > 0)) {
    const leases = await run.monitorDb.query('SELECT name, owner, expires_at, now() AS now FROM leases WHERE name LIKE $1', [PASS_PREFIX + '%'])
    const dbNow = leases.rows[0]?.now ?? (await run.monitorDb.query('SELECT now() AS now')).rows[0].now
    for (const restart of restarts) if (restart.pendingLeases.size > 0) await classifyLeases(restart, leases.rows, dbNow)
  }
  for (const restart of restarts) {
    if (restart.readyAt === undefined || restart.closedAt !== undefined) continue
    for (const [orderId, atKill] of restart.watch) {
      if (restart.moved.has(orderId)) continue
      const status = orderState.get(orderId)
      if (status === undefined || DONE_FULFILLING.has(status) || rank(status) > rank(atKill)) {
        restart.moved.set(orderId, { ms: Math.max(0, now - restart.readyAt), to: status ?? 'gone' })
      }
    }
  }
  return rows
}

/** The longest wait among `orderIds` of a restart; still waiting counts until `until` (a lower bound). */
export function worstWait (restart, orderIds) {
  let worst
  for (const orderId of orderIds) {
    const moved = restart.moved.get(orderId)
    const wait = moved ? { ms: moved.ms, to: moved.to, open: false } : { ms: Math.max(0, (restart.closedAt ?? Date.now()) - restart.readyAt), open: true }
    if (!worst || wait.ms > worst.ms) worst = { ...wait, orderId, atKill: restart.watch.get(orderId) }
  }
  return worst
}
export const describeWait = (w) => w ? `${w.open ? '>= ' : ''}${seconds(w.ms)} (order ${w.orderId}, ${w.atKill} at the kill, ${w.open ? 'not moved on before the next kill' : `then ${w.to}`})` : 'none'

export async function monitor (until) {
  while (!until()) {
    try {
      await pollStatuses()
    } catch (err) {
      console.error(`.. status poll failed: ${err.message}`)
    }
    await sleep(POLL_MS)
  }
}

export function statusCounts () {
  const counts = {}
  for (const status of orderState.values()) counts[status] = (counts[status] ?? 0) + 1
  return FLOW.concat(['needs_attention', 'failed']).filter((s) => counts[s]).map((s) => `${s} ${counts[s]}`).join(', ')
}

/** Rows of an optional table or schema: none when it does not exist (an older schema). */
export async function optionalRows (sql, values = []) {
  try {
    return (await run.monitorDb.query(sql, values)).rows
  } catch (err) {
    if (err.code === '42P01' || err.code === '3F000') return []
    throw err
  }
}

/** What the killed process was doing, read once it is gone (nothing of it can change the database any more). */
async function snapshotAtKill (restart) {
  await pollStatuses()
  for (const [orderId, status] of orderState) {
    if (IN_FULFILMENT.includes(status)) restart.watch.set(orderId, status)
    if (status === 'confirming') restart.confirming.add(orderId)
  }
  for (const row of await optionalRows('SELECT name, owner, expires_at FROM leases WHERE name LIKE $1 AND expires_at > now()', [PASS_PREFIX + '%'])) {
    const orderId = row.name.slice(PASS_PREFIX.length)
    restart.pendingLeases.set(orderId, { owner: row.owner, expiresAt: row.expires_at })
    if (!restart.watch.has(orderId)) restart.watch.set(orderId, orderState.get(orderId) ?? 'accepted')
  }
  if (MODE === 'single') {
    for (const row of await optionalRows("SELECT data->>'orderId' AS id FROM pgboss.job WHERE name = 'fulfil-order' AND state = 'active'")) {
      restart.held.add(row.id)
      if (!restart.watch.has(row.id)) restart.watch.set(row.id, orderState.get(row.id) ?? 'accepted')
    }
  }
}

/** The kills: at random shares of the checkout phase (by checkouts finished), each restarted at once. */
export async function killer (phaseDone) {
  const random = generator(SEED ^ 0x5eed)
  // One random instant in each of KILLS equal slices of 10–90 % of the checkouts, so the kills spread out.
  const marks = Array.from({ length: KILLS }, (_, k) => 0.1 + 0.8 * (k + random()) / KILLS)
  for (const mark of marks) {
    while (!phaseDone() && tally.finished < mark * ORDERS) await sleep(50)
    if (phaseDone()) break
    await sleep(random() * 1500)
    if (phaseDone()) break
    const victim = run.services.length === 1 ? run.services[0] : pick(random, run.services)
    const restart = { service: victim.name, watch: new Map(), moved: new Map(), held: new Set(), pendingLeases: new Map(), confirming: new Set() }
    const killing = victim.killAndRestart()
    await once(victim.child, 'exit').catch(() => undefined)
    // Earlier restarts' orders still waiting are cut short by this kill: their wait is at least what it was.
    for (const earlier of restarts) earlier.closedAt ??= Date.now()
    try {
      await snapshotAtKill(restart)
    } catch (err) {
      console.error(`.. reading the database at the kill failed: ${err.message}`)
    }
    restarts.push(restart)
    const { killedAt, readyAt } = await killing
    restart.killedAt = killedAt
    restart.readyAt = readyAt
    console.log(`.. ${elapsed()}: SIGKILL of service ${victim.name}: ${restart.watch.size} orders mid-fulfilment, ${restart.confirming.size} confirms under way; ready again after ${seconds(readyAt - killedAt)}`)
  }
}

/** 429 bursts on top of the base faults, until `done()`. */
export async function bursts (simulatorUrl, done) {
  if (BURST.rate <= 0 || BURST.ms <= 0) return
  while (!done()) {
    await sleep(BURST.everyMs * (0.5 + Math.random()))
    if (done()) return
    await call(`${simulatorUrl}/_sandbox/faults`, { method: 'PUT', body: { ...FAULTS, rateLimitRate: BURST.rate } })
    await sleep(BURST.ms)
    await call(`${simulatorUrl}/_sandbox/faults`, { method: 'PUT', body: FAULTS })
  }
}
