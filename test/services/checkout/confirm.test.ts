import t from 'tap'
import { randomUUID } from 'node:crypto'
import { databaseEnv, type Teardown } from '../../helpers/database.js'
import { openDatabase, type Database } from '../../../src/services/store/database.js'
import { migrate, readMigrations } from '../../../src/services/store/migrations.js'
import { saveOffers } from '../../../src/services/store/option-offers.js'
import { confirmOrder, type ConfirmDeps } from '../../../src/services/checkout/confirm.js'
import { ProUnavailableError } from '../../../src/services/pro/errors.js'
import { startJobQueue } from '../../../src/services/jobs/queue.js'
import type { CheckoutOption } from '../../../src/schemas/checkout-options.js'

const silent = { debug () {}, info () {}, warn () {}, error () {} }

const option: CheckoutOption = {
  id: 'EDO-TEST-0001',
  type: 'delivery',
  date: '2030-01-02',
  dayOfWeek: 'Wednesday',
  window: { start: '00:00', end: '23:59', utcOffset: '+00:00' },
  guaranteed: true,
  carrier: 'DPD',
  service: 'Next Day',
  serviceReference: 'MPD_DPDNEXTDAY',
  price: { net: '5.00', gross: '6.00', tax: '1.00', currency: 'GBP' },
  cutOff: '2030-01-01T17:00:00+00:00'
}

async function setUp (t: Teardown): Promise<Database> {
  const env = await databaseEnv(t)
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: '', poolMax: 4, logger: silent })
  t.teardown(() => db.close())
  await migrate(db.pool, await readMigrations())
  await saveOffers(db.pool, 'request-key', {
    items: [{ sku: 'SKU-1', quantity: 1, unitPrice: { amount: '5.99', currency: 'GBP' } }],
    destination: { name: 'Ada', addressLines: ['1 Row'], town: 'London', postcode: 'N1 9GU', countryCode: 'GB' },
    origin: 'EDC5_Electio',
    guaranteedOnly: false,
    include: ['delivery']
  }, [option])
  return db
}

/** PRO is faked; the job queue is the real one, so a rolled-back enqueue is seen to leave no job. */
async function fakes (t: Teardown, db: Database) {
  const queue = await startJobQueue({ connectionString: db.connectionString, log: silent, supervise: false, fulfilmentAttempts: 1, jobTimeoutSeconds: 60, retryDelaySeconds: 1 })
  t.teardown(() => queue.stop())
  const calls = { selectOrder: 0, requote: 0, selected: [] as string[] }
  let freshOptions: CheckoutOption[] = []
  let failEnqueueOnce = false
  let selectFailure: Error | undefined
  let selectGate: Promise<void> | undefined
  let selectEntered: () => void = () => {}
  const deps: ConfirmDeps = {
    pool: db.pool,
    pro: {
      async selectOrder (body) {
        calls.selectOrder++
        calls.selected.push(body.DeliveryOptions[0]!.Reference)
        const n = calls.selectOrder
        if (selectGate) {
          const gate = selectGate
          selectGate = undefined
          selectEntered()
          await gate
        }
        if (selectFailure) throw selectFailure
        return { SelectOrderResults: [{ DeliveryOptionReference: body.DeliveryOptions[0]!.Reference, OrderReference: `EO-000-000-${n}`, Status: 201 }] }
      }
    },
    jobs: {
      async enqueueFulfilment (client, orderId) {
        await queue.enqueueFulfilment(client, orderId)
        if (failEnqueueOnce) {
          failEnqueueOnce = false
          throw new Error('process died after the fulfilment job was written, before the transaction committed')
        }
      }
    },
    now: () => new Date('2030-01-01T09:00:00Z'),
    idempotencyTtlSeconds: 3600,
    log: silent,
    async requote (request) {
      calls.requote++
      await saveOffers(db.pool, 'request-key', request, freshOptions)
      return freshOptions
    }
  }
  const jobsFor = async (orderId: string): Promise<number> =>
    (await db.pool.query("SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'fulfil-order' AND data->>'orderId' = $1", [orderId])).rows[0].n
  return {
    calls,
    deps,
    jobsFor,
    failNextEnqueue: () => { failEnqueueOnce = true },
    failSelect: (err: Error | undefined) => { selectFailure = err },
    /** What PRO offers when the stored request is quoted again. */
    offerFresh: (options: CheckoutOption[]) => { freshOptions = options },
    /** The next selectOrder waits for `release()`; `entered` resolves once it is waiting. */
    holdNextSelect: () => {
      let release: () => void = () => {}
      selectGate = new Promise<void>((resolve) => { release = resolve })
      const entered = new Promise<void>((resolve) => { selectEntered = resolve })
      return { release, entered }
    }
  }
}

t.test(`a confirm interrupted after PRO created the order is completed by the retry, without asking PRO again`, async (t) => {
  const db = await setUp(t)
  const { calls, deps, jobsFor, failNextEnqueue } = await fakes(t, db)
  const key = randomUUID()
  const request = { optionId: option.id, orderReference: 'M-1' }

  failNextEnqueue()
  await t.rejects(confirmOrder(deps, key, request), { message: 'process died after the fulfilment job was written, before the transaction committed' })
  const recorded = await db.pool.query('SELECT id, status, pro_order_reference FROM orders')
  t.same(recorded.rows.map(({ status, pro_order_reference: reference }) => ({ status, reference })), [{ status: 'confirming', reference: 'EO-000-000-1' }], 'intent and PRO answer were recorded')
  t.equal(await jobsFor(recorded.rows[0].id), 0, 'the job written in the failed transaction does not exist')

  const outcome = await confirmOrder(deps, key, request)
  t.equal(outcome.replayed, false)
  t.equal(outcome.body.proOrderReference, 'EO-000-000-1')
  t.equal(calls.selectOrder, 1, 'PRO was asked once in all')
  t.equal(await jobsFor(outcome.body.orderId), 1, 'the retry wrote the one job, with the accepted status')

  const replay = await confirmOrder(deps, key, request)
  t.equal(replay.replayed, true)
  t.same(replay.body, outcome.body, 'the replay hands back the same token')
})

t.test(`a failure PRO certainly did not act on leaves nothing, and the key can be used again`, async (t) => {
  const db = await setUp(t)
  const { calls, deps, failSelect } = await fakes(t, db)
  const key = randomUUID()
  failSelect(new ProUnavailableError('selectOrder', { upstreamStatus: 429, outcomeUnknown: false }))
  await t.rejects(confirmOrder(deps, key, { optionId: option.id, orderReference: 'M-2' }), { code: 'UPSTREAM_UNAVAILABLE' })
  t.equal((await db.pool.query('SELECT count(*)::int AS n FROM orders')).rows[0].n, 0)
  t.equal((await db.pool.query('SELECT count(*)::int AS n FROM idempotency_keys')).rows[0].n, 0)

  failSelect(undefined)
  const outcome = await confirmOrder(deps, key, { optionId: option.id, orderReference: 'M-2' })
  t.equal(outcome.status, 201)
  t.equal(calls.selectOrder, 2)
})

t.test(`an uncertain failure keeps the intent; the retry resumes the same order`, async (t) => {
  const db = await setUp(t)
  const { deps, failSelect } = await fakes(t, db)
  const key = randomUUID()
  failSelect(new ProUnavailableError('selectOrder', { upstreamStatus: 503, outcomeUnknown: true }))
  await t.rejects(confirmOrder(deps, key, { optionId: option.id, orderReference: 'M-3' }), { code: 'UPSTREAM_UNAVAILABLE', outcomeUnknown: true })
  const [pending] = (await db.pool.query('SELECT id, status FROM orders')).rows
  t.equal(pending.status, 'confirming')

  failSelect(undefined)
  const outcome = await confirmOrder(deps, key, { optionId: option.id, orderReference: 'M-3' })
  t.equal(outcome.body.orderId, pending.id, 'the recorded order, not a new one')
  t.equal((await db.pool.query('SELECT count(*)::int AS n FROM orders')).rows[0].n, 1)
})

const events = async (db: Database, orderId: string): Promise<string[]> =>
  (await db.pool.query('SELECT status FROM order_events WHERE order_id = $1 ORDER BY id', [orderId])).rows.map((row) => row.status)

/** What a confirm whose process stalled past its lease looks like to everyone else. */
async function expireConfirmLeases (db: Database): Promise<void> {
  await db.pool.query("UPDATE leases SET expires_at = now() - interval '1 second' WHERE name LIKE 'idempotency:%'")
}

t.test('a confirm that lost its lease while PRO answered never writes: one order row, one accepted event, one job', async (t) => {
  const db = await setUp(t)
  const { calls, deps, jobsFor, holdNextSelect } = await fakes(t, db)
  const key = randomUUID()
  const request = { optionId: option.id, orderReference: 'M-4' }
  const held = holdNextSelect()
  const first = confirmOrder(deps, key, request)
  first.catch(() => {})
  await held.entered
  await expireConfirmLeases(db)

  const second = await confirmOrder(deps, key, request)
  t.equal(second.body.proOrderReference, 'EO-000-000-2', 'the retry that took the lease over completed the order')
  held.release()
  await t.rejects(first, { code: 'IDEMPOTENCY_IN_PROGRESS' }, 'the stale holder does not answer with an order of its own')

  const rows = (await db.pool.query('SELECT id, pro_order_reference FROM orders')).rows
  t.same(rows.map((row) => row.pro_order_reference), ['EO-000-000-2'], 'the order names the order the completed confirm answered')
  t.same(await events(db, second.body.orderId), ['accepted'], 'accepted once')
  t.equal(await jobsFor(second.body.orderId), 1, 'one fulfilment job')
  t.equal(calls.selectOrder, 2, 'the stale holder\'s order is the one spare PRO order')
  const spare = (await db.pool.query('SELECT order_id, pro_order_reference FROM spare_orders ORDER BY id')).rows
  t.same(spare, [
    { order_id: second.body.orderId, pro_order_reference: null },
    { order_id: second.body.orderId, pro_order_reference: 'EO-000-000-1' }
  ], 'recorded for staff: as possible by the retry that took over, with its reference by the stale holder')
  const replay = await confirmOrder(deps, key, request)
  t.same(replay.body, second.body, 'the key replays the completed answer')
})

t.test('a confirm still working when its first lease would have run out keeps the key: a retry meanwhile gets 409', async (t) => {
  const db = await setUp(t)
  const { calls, deps, holdNextSelect } = await fakes(t, db)
  deps.leaseMs = 600
  const key = randomUUID()
  const request = { optionId: option.id, orderReference: 'M-5' }
  const held = holdNextSelect()
  const first = confirmOrder(deps, key, request)
  await held.entered
  const firstExpiry = (await db.pool.query("SELECT expires_at FROM leases WHERE name LIKE 'idempotency:%'")).rows[0].expires_at as Date
  while (Date.now() < firstExpiry.getTime() + 100) await new Promise((resolve) => setTimeout(resolve, 50))
  await t.rejects(confirmOrder(deps, key, request), { code: 'IDEMPOTENCY_IN_PROGRESS' }, 'the lease was renewed')
  held.release()
  t.equal((await first).status, 201)
  t.equal(calls.selectOrder, 1, 'PRO was asked once')
})

t.test('a database error while recording PRO\'s answer does not lose it: the confirm completes, PRO asked once', async (t) => {
  const db = await setUp(t)
  const { calls, deps } = await fakes(t, db)
  // The first write of a PRO order reference fails, as a dropped connection would (a sequence is not rolled back).
  await db.pool.query(`
    CREATE SEQUENCE reference_writes;
    CREATE FUNCTION fail_first_reference_write() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.pro_order_reference IS NOT NULL AND OLD.pro_order_reference IS NULL AND nextval('reference_writes') = 1 THEN
        RAISE EXCEPTION 'connection to the server was lost' USING ERRCODE = '08006';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER fail_first_reference_write BEFORE UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION fail_first_reference_write();`)
  const outcome = await confirmOrder(deps, randomUUID(), { optionId: option.id, orderReference: 'M-6' })
  t.equal(outcome.status, 201)
  t.equal(outcome.body.proOrderReference, 'EO-000-000-1')
  t.equal(calls.selectOrder, 1, 'PRO was asked once')
})

t.test('one option, two checkouts: the second orders the equivalent fresh option, never the same option twice', async (t) => {
  const db = await setUp(t)
  const { calls, deps, offerFresh } = await fakes(t, db)
  const dearer = { ...option, id: 'EDO-FRESH-DEARER', price: { ...option.price, gross: '6.01' } }
  const otherWindow = { ...option, id: 'EDO-FRESH-LATER', window: { ...option.window, start: '12:00' }, price: { ...option.price, gross: '1.00' } }
  const equivalent = { ...option, id: 'EDO-FRESH-SAME', price: { ...option.price, gross: '5.50' } }
  offerFresh([dearer, otherWindow, equivalent])

  const [first, second] = await Promise.all([
    confirmOrder(deps, randomUUID(), { optionId: option.id, orderReference: 'M-7' }),
    confirmOrder(deps, randomUUID(), { optionId: option.id, orderReference: 'M-8' })
  ])
  t.not(first.body.proOrderReference, second.body.proOrderReference)
  t.same(calls.selected.sort(), [equivalent.id, option.id].sort(), 'PRO was asked for the option once and for its equivalent once')
  t.equal(calls.requote, 1, 'the stored request was quoted again once')
  const { rows } = await db.pool.query('SELECT option_id FROM orders ORDER BY option_id')
  t.same(rows.map((row) => row.option_id), [equivalent.id, option.id].sort(), 'each order names the option it was made from')
})

t.test('an option already used, with no equivalent fresh option: 409 OPTION_ALREADY_USED with the best alternative, nothing stored', async (t) => {
  const db = await setUp(t)
  const { calls, deps, offerFresh } = await fakes(t, db)
  await confirmOrder(deps, randomUUID(), { optionId: option.id, orderReference: 'M-9' })
  const dearer = { ...option, id: 'EDO-FRESH-DEARER', price: { ...option.price, gross: '7.00' } }
  offerFresh([dearer])
  const key = randomUUID()
  await t.rejects(confirmOrder(deps, key, { optionId: option.id, orderReference: 'M-10' }), { code: 'OPTION_ALREADY_USED', extensions: { alternative: { id: dearer.id } } })
  t.equal(calls.selectOrder, 1, 'PRO was not asked again')
  t.equal((await db.pool.query('SELECT count(*)::int AS n FROM orders')).rows[0].n, 1, 'no second order row')
  t.equal((await db.pool.query('SELECT count(*)::int AS n FROM idempotency_keys')).rows[0].n, 1, 'the second key is free to use again')
})

t.test('a certain failure after an uncertain one keeps the order and its spare record: the retry resumes the same order', async (t) => {
  const db = await setUp(t)
  const { deps, failSelect } = await fakes(t, db)
  const key = randomUUID()
  const request = { optionId: option.id, orderReference: 'M-11' }
  failSelect(new ProUnavailableError('selectOrder', { upstreamStatus: 503, outcomeUnknown: true }))
  await t.rejects(confirmOrder(deps, key, request), { code: 'UPSTREAM_UNAVAILABLE' })
  const [pending] = (await db.pool.query('SELECT id FROM orders')).rows
  failSelect(new ProUnavailableError('selectOrder', { upstreamStatus: 429, outcomeUnknown: false }))
  await t.rejects(confirmOrder(deps, key, request), { code: 'UPSTREAM_UNAVAILABLE' })
  t.same((await db.pool.query('SELECT id FROM orders')).rows, [pending], 'the order PRO may already hold is kept')

  failSelect(undefined)
  const outcome = await confirmOrder(deps, key, request)
  t.equal(outcome.body.orderId, pending.id, 'the retry resumes it')
  const spare = (await db.pool.query('SELECT order_id, pro_order_reference FROM spare_orders')).rows
  t.same(spare, [{ order_id: pending.id, pro_order_reference: null }], 'the possible spare PRO order stays listed')
})
