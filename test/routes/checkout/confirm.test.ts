import t from 'tap'
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../helpers/app.js'
import { freshDataDir } from '../../helpers/database.js'
import { NEVER_CRON, waitForStatus } from '../../helpers/pipeline.js'
import { performance } from 'node:perf_hooks'
import { basket, confirm, firstOptionOpenFor, offeredOptions, optionsOpenFor, setSimulatorFaults, simulatorStats } from '../../helpers/checkout.js'

t.test(`confirm creates one PRO order, queues its fulfilment and answers a token`, async (t) => {
  const app = await buildApp(t, {})
  const option = firstOptionOpenFor(await offeredOptions(app))
  const response = await confirm(app, randomUUID(), { optionId: option.id, orderReference: 'WEB-1001', metadata: { channel: 'web' } })
  t.equal(response.statusCode, 201, response.body)
  const body = response.json()
  t.match(body, { orderId: /^[0-9a-f-]{36}$/, proOrderReference: /^EO-/, status: 'accepted', orderToken: /^[A-Za-z0-9_-]{43}$/ })
  t.equal(body.statusUrl, `/checkout/orders/${body.orderId}`)
  t.equal(response.headers['idempotent-replayed'], undefined)

  const stats = await simulatorStats(app)
  t.equal(stats.counts.selectOrder, 1)
  t.ok(stats.orders[body.proOrderReference], 'the simulator holds the order')

  const jobs = await app.db.pool.query("SELECT data FROM pgboss.job WHERE name = 'fulfil-order'")
  t.same(jobs.rows.map((r) => r.data), [{ orderId: body.orderId }], 'exactly one fulfilment job, for this order')

  const stored = await app.db.pool.query('SELECT token_hash, status FROM orders WHERE id = $1', [body.orderId])
  t.equal(stored.rows[0].status, 'accepted')
  t.notMatch(stored.rows[0].token_hash.toString('utf8'), body.orderToken, 'the token is stored hashed')
})

t.test('idempotency: a replay is byte-identical, a different body is refused, concurrency makes one order', async (t) => {
  const app = await buildApp(t)
  const [first, second] = optionsOpenFor(await offeredOptions(app))
  const key = randomUUID()
  const payload = { optionId: first!.id, orderReference: 'WEB-2001' }

  const original = await confirm(app, key, payload)
  const replay = await confirm(app, key, payload)
  t.equal(original.statusCode, 201)
  t.equal(replay.statusCode, 201)
  t.equal(replay.body, original.body, 'the same bytes')
  t.equal(replay.headers['idempotent-replayed'], 'true')
  t.equal((await simulatorStats(app)).counts.selectOrder, 1, 'PRO was asked once')

  const reused = await confirm(app, key, { optionId: second!.id, orderReference: 'WEB-2001' })
  t.equal(reused.statusCode, 422)
  t.equal(reused.json().code, 'IDEMPOTENCY_KEY_REUSED')

  const concurrentKey = randomUUID()
  const concurrentPayload = { optionId: second!.id, orderReference: 'WEB-2002' }
  const answers = await Promise.all(Array.from({ length: 20 }, () => confirm(app, concurrentKey, concurrentPayload)))
  const statuses = answers.map((a) => a.statusCode)
  t.ok(statuses.every((s) => s === 201 || s === 409), `only 201 or 409: ${statuses.join(',')}`)
  t.equal(answers.filter((a) => a.statusCode === 201 && a.headers['idempotent-replayed'] === undefined).length, 1, 'one original answer')
  for (const conflict of answers.filter((a) => a.statusCode === 409)) t.equal(conflict.json().code, 'IDEMPOTENCY_IN_PROGRESS')
  const orderIds = new Set(answers.filter((a) => a.statusCode === 201).map((a) => a.json().orderId))
  t.equal(orderIds.size, 1, 'every 201 names the same order')
  t.equal((await simulatorStats(app)).counts.selectOrder, 2, 'one more PRO order for twenty requests')
  const count = await app.db.pool.query("SELECT count(*)::int AS n FROM orders WHERE merchant_reference = 'WEB-2002'")
  t.equal(count.rows[0].n, 1)
})

t.test('bad requests name the field', async (t) => {
  const app = await buildApp(t)
  const missingKey = await confirm(app, undefined, { optionId: 'EDO-1', orderReference: 'X' })
  t.equal(missingKey.statusCode, 400)
  t.same(missingKey.json().errors.map((e: { field: string }) => e.field), ['/headers/idempotency-key'])
  const badBody = await confirm(app, randomUUID(), { orderReference: '' })
  t.equal(badBody.statusCode, 400)
  t.same(badBody.json().errors.map((e: { field: string }) => e.field).sort(), ['/body/optionId', '/body/orderReference'])
})

t.test('an unknown option is 404 OPTION_NOT_FOUND and leaves nothing behind', async (t) => {
  const app = await buildApp(t)
  const key = randomUUID()
  const response = await confirm(app, key, { optionId: 'EDO-NOT-OFFERED', orderReference: 'WEB-3001' })
  t.equal(response.statusCode, 404)
  t.equal(response.json().code, 'OPTION_NOT_FOUND')
  t.equal((await simulatorStats(app)).counts.selectOrder, 0)
  const orders = await app.db.pool.query('SELECT count(*)::int AS n FROM orders')
  t.equal(orders.rows[0].n, 0)
})

t.test('an option past its cut-off is 409 OPTION_EXPIRED with an alternative of the same day', async (t) => {
  const app = await buildApp(t)
  const options = optionsOpenFor(await offeredOptions(app))
  const target = options.find((o) => options.some((other) => other.id !== o.id && other.date === o.date && other.type === o.type))!
  await app.db.pool.query("UPDATE option_offers SET cut_off = now() - interval '1 minute' WHERE option_id = $1", [target.id])
  const response = await confirm(app, randomUUID(), { optionId: target.id, orderReference: 'WEB-4001' })
  t.equal(response.statusCode, 409)
  const problem = response.json()
  t.equal(problem.code, 'OPTION_EXPIRED')
  t.equal(problem.alternative.date, target.date)
  t.equal(problem.alternative.type, target.type)
  t.not(problem.alternative.id, target.id)
  t.equal((await simulatorStats(app)).counts.selectOrder, 0, 'PRO was not asked')
})

t.test('items that differ from the quoted basket are 409 BASKET_CHANGED: nothing stored, PRO not asked', async (t) => {
  const app = await buildApp(t)
  const option = firstOptionOpenFor(await offeredOptions(app))
  const [mug, teapot] = basket.items
  const changed = [
    { what: 'a quantity', items: [{ ...mug!, quantity: 3 }, teapot!] },
    { what: 'an item left out', items: [mug!] },
    { what: 'an item added', items: [...basket.items, { sku: 'SKU-SPOON', quantity: 1, unitPrice: { amount: '2.00', currency: 'GBP' } }] },
    { what: 'another warehouse', items: [{ ...mug!, shippingLocation: 'Sorted1' }, teapot!] }
  ]
  for (const { what, items } of changed) {
    const response = await confirm(app, randomUUID(), { optionId: option.id, orderReference: 'WEB-4501', items })
    t.equal(response.statusCode, 409, what)
    t.match(response.headers['content-type'], /^application\/problem\+json/)
    t.equal(response.json().code, 'BASKET_CHANGED', what)
  }
  t.equal((await simulatorStats(app)).counts.selectOrder, 0, 'PRO was not asked')
  const stored = await app.db.pool.query('SELECT (SELECT count(*)::int FROM orders) AS orders, (SELECT count(*)::int FROM idempotency_keys) AS keys')
  t.same(stored.rows[0], { orders: 0, keys: 0 }, 'no order and no idempotency record')

  const same = await confirm(app, randomUUID(), { optionId: option.id, orderReference: 'WEB-4501', items: [teapot!, { ...mug!, sku: ` ${mug!.sku} ` }] })
  t.equal(same.statusCode, 201, 'the quoted items again, in another order and untrimmed, are the same basket')
})

/** Confirms an open option while PRO's select-as-order suffers `fault`; answers that attempt and a retry with the same key once PRO is well again. */
async function confirmUnder (app: FastifyInstance, orderReference: string, fault: Record<string, number>) {
  const option = firstOptionOpenFor(await offeredOptions(app))
  const key = randomUUID()
  const payload = { optionId: option.id, orderReference }
  await setSimulatorFaults(app, { operations: { selectOrder: fault } })
  const failed = await confirm(app, key, payload)
  await setSimulatorFaults(app, {})
  return { failed, retry: () => confirm(app, key, payload) }
}

t.test('PRO unavailable: 503 with Retry-After, and a retry with the same key completes the one order', async (t) => {
  const app = await buildApp(t, { PRO_INTERACTIVE_RETRIES: '0' })
  const { failed, retry } = await confirmUnder(app, 'WEB-5001', { errorRate: 1 })
  t.equal(failed.statusCode, 503)
  t.equal(failed.json().code, 'UPSTREAM_UNAVAILABLE')
  t.ok(Number(failed.headers['retry-after']) >= 1)

  const retried = await retry()
  t.equal(retried.statusCode, 201, retried.body)
  const stats = await simulatorStats(app)
  t.equal(Object.keys(stats.orders).length, 1, 'one order in PRO')
  t.equal(stats.duplicates.orders, 0)
  const orders = await app.db.pool.query("SELECT status FROM orders WHERE merchant_reference = 'WEB-5001'")
  t.same(orders.rows, [{ status: 'accepted' }], 'one order here, resumed from the recorded intent')
})

t.test('PRO created the order but its answer was lost: the retry makes the one spare order the docs allow, and only the recorded one is packed', async (t) => {
  const app = await buildApp(t, { PRO_INTERACTIVE_RETRIES: '0', MANIFEST_CRON: NEVER_CRON })
  const { failed: lost, retry } = await confirmUnder(app, 'WEB-5002', { lostResponseRate: 1 })
  t.equal(lost.statusCode, 503)
  t.equal(lost.json().code, 'UPSTREAM_UNAVAILABLE')
  const afterLoss = await simulatorStats(app)
  t.equal(Object.keys(afterLoss.orders).length, 1, 'PRO did create the order whose answer was lost')
  const { rows: [intent] } = await app.db.pool.query("SELECT status, pro_order_reference FROM orders WHERE merchant_reference = 'WEB-5002'")
  t.same(intent, { status: 'confirming', pro_order_reference: null }, 'the intent is kept: the outcome is unknown here')

  const retried = await retry()
  t.equal(retried.statusCode, 201, retried.body)
  const recorded: string = retried.json().proOrderReference
  // docs/pipeline.md: PRO has no order search, so the resumed select makes a second PRO order, never packed.
  const stats = await simulatorStats(app)
  t.equal(stats.counts.selectOrder, 2, 'PRO was asked twice: once lost, once answered')
  t.equal(stats.duplicates.orders, 1, 'the one spare order the documentation allows')
  const spare = Object.keys(stats.orders).filter((reference) => reference !== recorded)
  t.equal(spare.length, 1)
  const { rows } = await app.db.pool.query("SELECT status, pro_order_reference FROM orders WHERE merchant_reference = 'WEB-5002'")
  t.equal(rows.length, 1, 'one order here')
  t.equal(rows[0].pro_order_reference, recorded, 'it names the order PRO answered with')

  await waitForStatus(app.db.pool, [retried.json().orderId], 'labelled', { timeoutMs: 30_000 })
  const fulfilled = await simulatorStats(app) as unknown as { orders: Record<string, { consignmentReferences: string[] }> }
  t.ok(fulfilled.orders[recorded]!.consignmentReferences.length > 0, 'the recorded order was packed')
  t.same(fulfilled.orders[spare[0]!]!.consignmentReferences, [], 'the spare order was never packed: nothing ships twice')
})

t.test('PRO hanging: 503 within the interactive timeout', async (t) => {
  const timeoutMs = 1000
  const app = await buildApp(t, { PRO_INTERACTIVE_RETRIES: '0', PRO_INTERACTIVE_TIMEOUT_MS: String(timeoutMs) })
  const option = firstOptionOpenFor(await offeredOptions(app))
  await setSimulatorFaults(app, { operations: { selectOrder: { hangRate: 1 } } })
  const started = performance.now()
  const response = await confirm(app, randomUUID(), { optionId: option.id, orderReference: 'WEB-6001' })
  const elapsedMs = performance.now() - started
  t.equal(response.statusCode, 503)
  t.equal(response.json().code, 'UPSTREAM_UNAVAILABLE')
  t.ok(elapsedMs < 3 * timeoutMs, `answered within 3 × the interactive timeout (${Math.round(elapsedMs)} ms)`)
})

t.test('on the embedded default server, 50 concurrent confirms all answer 201: no pool timeouts, no interleaved statements', async (t) => {
  const app = await buildApp(t, { DATABASE_URL: '', DATA_DIR: await freshDataDir(t), PRO_REQUESTS_PER_SECOND: '1000' })
  t.equal(app.db.embedded, true, 'the embedded PostgreSQL server, not DATABASE_URL')
  const options = optionsOpenFor(await offeredOptions(app)).slice(0, 50)
  t.equal(options.length, 50, 'fifty options to confirm')
  const answers = await Promise.all(options.map((option, n) => confirm(app, randomUUID(), { optionId: option.id, orderReference: `WEB-EMBEDDED-${n}` })))
  t.same(answers.map((a) => a.statusCode), options.map(() => 201), 'every confirm answered 201')
  t.equal(new Set(answers.map((a) => a.json().orderId)).size, 50, 'fifty distinct orders')
  t.equal((await simulatorStats(app)).counts.selectOrder, 50, 'one PRO order each')
  const { rows } = await app.db.pool.query<{ orders: number, jobs: number }>(
    "SELECT (SELECT count(*)::int FROM orders) AS orders, (SELECT count(*)::int FROM pgboss.job WHERE name = 'fulfil-order') AS jobs")
  t.same(rows[0], { orders: 50, jobs: 50 }, 'each order stored with its fulfilment job')
})

t.test('PRO refusing the option in its answer (a 200 whose entry has Status 400): 404 OPTION_NOT_FOUND, nothing kept, the key free again', async (t) => {
  const app = await buildApp(t, {})
  const option = firstOptionOpenFor(await offeredOptions(app))
  // PRO no longer knows the option (its state was reset): select-as-order answers 200 with a failed entry.
  await app.proSimulator!.inject({ method: 'POST', url: '/_sandbox/reset' })
  const key = randomUUID()
  const refused = await confirm(app, key, { optionId: option.id, orderReference: 'WEB-ENTRY-1' })
  t.equal(refused.statusCode, 404, refused.body)
  t.equal(refused.json().code, 'OPTION_NOT_FOUND')
  const { rows } = await app.db.pool.query("SELECT count(*)::int AS n FROM orders WHERE merchant_reference = 'WEB-ENTRY-1'")
  t.equal(rows[0].n, 0, 'no order row is kept: PRO certainly made no order')
  t.equal((await simulatorStats(app)).counts.selectOrder, 1)
  const again = await confirm(app, key, { optionId: option.id, orderReference: 'WEB-ENTRY-1' })
  t.equal(again.statusCode, 404, 'the key was released: the retry asks again and gets the same answer')
})
