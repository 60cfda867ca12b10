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
    items: [{ sku: 'SKU-1', quantity: 1 }],
    destination: { name: 'Ada', addressLines: ['1 Row'], town: 'London', postcode: 'N1 9GU', countryCode: 'GB' },
    origin: 'EDC5_Electio',
    guaranteedOnly: false,
    include: ['delivery']
  }, [option])
  return db
}

/** PRO is faked; the job queue is the real one, so a rolled-back enqueue is seen to leave no job. */
async function fakes (t: Teardown, db: Database) {
  const queue = await startJobQueue({ connectionString: db.connectionString, log: silent, supervise: false, fulfilmentAttempts: 1, jobTimeoutSeconds: 60 })
  t.teardown(() => queue.stop())
  const calls = { selectOrder: 0 }
  let failEnqueueOnce = false
  let selectFailure: Error | undefined
  const deps: ConfirmDeps = {
    pool: db.pool,
    pro: {
      async selectOrder () {
        calls.selectOrder++
        if (selectFailure) throw selectFailure
        return { SelectOrderResults: [{ DeliveryOptionReference: option.id, OrderReference: `EO-000-000-${calls.selectOrder}`, Status: 201 }] }
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
    log: silent
  }
  const jobsFor = async (orderId: string): Promise<number> =>
    (await db.pool.query("SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'fulfil-order' AND data->>'orderId' = $1", [orderId])).rows[0].n
  return {
    calls,
    deps,
    jobsFor,
    failNextEnqueue: () => { failEnqueueOnce = true },
    failSelect: (err: Error | undefined) => { selectFailure = err }
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
