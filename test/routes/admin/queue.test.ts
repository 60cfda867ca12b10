import t from 'tap'
import { randomUUID } from 'node:crypto'
import { buildApp } from '../../helpers/app.js'
import { placeOrder } from '../../helpers/pipeline.js'
import { QUEUES } from '../../../src/services/jobs/queue.js'

const STAFF_KEY = 'staff-key-queue-9f8e7d6c5b4a3f2e'
const auth = { authorization: `Bearer ${STAFF_KEY}` }

t.test('GET /admin/queue counts jobs per queue and state, lists dead letters and flagged orders', async (t) => {
  const app = await buildApp(t, { STAFF_API_KEYS: STAFF_KEY, WORKERS: 'off' })
  const boss = app.jobs.boss
  const placed = [await placeOrder(app, { n: 1, locations: ['EDC5_Electio'] }), await placeOrder(app, { n: 2, locations: ['WH_BRISTOL'] })]
  await app.db.pool.query("UPDATE orders SET status = 'needs_attention' WHERE id = $1", [placed[0]!.orderId])

  const empty = await app.inject({ method: 'GET', url: '/admin/queue', headers: auth })
  t.equal(empty.statusCode, 200)
  const zero = { created: 0, retry: 0, active: 0, completed: 0, cancelled: 0, failed: 0 }
  t.same(empty.json(), {
    queues: Object.values(QUEUES).map((name) => ({ name, counts: name === 'fulfil-order' ? { ...zero, created: 2 } : zero })),
    deadLetters: [],
    ordersNeedingAttention: 1,
    labelFailures: [],
    spareOrders: []
  }, 'the two confirmed orders wait in fulfil-order; every queue is listed')
  t.ok(['fulfil-order', 'manifest', 'housekeeping'].every((name) => empty.json().queues.some((q: { name: string }) => q.name === name)))

  // Dead letters: jobs pg-boss gave up on (no retries left), each failed a little after the last.
  const dead: Array<{ jobId: string, orderId: string }> = []
  for (let i = 0; i < 22; i++) {
    const orderId = randomUUID()
    const jobId = (await boss.send(QUEUES.fulfilOrder, { orderId }, { retryLimit: 0 }))!
    await boss.fail(QUEUES.fulfilOrder, jobId, { message: `PRO refused ${i}` })
    dead.push({ jobId, orderId })
  }
  await boss.send(QUEUES.manifest, {})

  const response = await app.inject({ method: 'GET', url: '/admin/queue', headers: auth })
  const overview = response.json()
  const counts = (name: string) => overview.queues.find((q: { name: string }) => q.name === name)?.counts
  t.match(counts('fulfil-order'), { created: 2, failed: 22 })
  t.match(counts('manifest'), { created: 1, failed: 0 })
  t.equal(overview.deadLetters.length, 20, 'the latest 20')
  const failedAt = overview.deadLetters.map((d: { failedAt: string }) => Date.parse(d.failedAt))
  t.same(failedAt, [...failedAt].sort((a, b) => b - a), 'newest first')
  t.match(overview.deadLetters[0], { jobId: dead[21]!.jobId, orderId: dead[21]!.orderId, error: 'PRO refused 21', retryCount: 0 })
  t.notOk(overview.deadLetters.some((d: { jobId: string }) => d.jobId === dead[0]!.jobId), 'the oldest fall off the list')
  t.ok(overview.deadLetters.every((d: { jobId: string, orderId: string }) => dead.some((x) => x.jobId === d.jobId && x.orderId === d.orderId)))

  await app.db.pool.query("INSERT INTO spare_orders (order_id, pro_order_reference, reason) VALUES ($1, NULL, 'answer lost'), ($1, 'EO-SPARE-1', 'lease lost')", [placed[1]!.orderId])
  const withSpares = (await app.inject({ method: 'GET', url: '/admin/queue', headers: auth })).json()
  t.match(withSpares.spareOrders, [
    { orderId: placed[1]!.orderId, orderReference: String, proOrderReference: 'EO-SPARE-1', reason: 'lease lost', recordedAt: String },
    { orderId: placed[1]!.orderId, proOrderReference: null, reason: 'answer lost' }
  ], 'spare PRO orders are listed for staff, newest first')
})
