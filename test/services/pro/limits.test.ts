import t from 'tap'
import { setImmediate as tick } from 'node:timers/promises'
import { ConcurrencyLimit, RateLimit } from '../../../src/services/pro/limits.js'
import { fakeClock, harness, json } from './harness.js'

async function settle (): Promise<void> {
  for (let i = 0; i < 20; i++) await tick()
}

t.test('the client keeps at most maxConcurrent requests in flight and queues the rest', async (t) => {
  const { client, pro } = harness(t, { maxConcurrent: 2 })
  let inFlight = 0
  let peak = 0
  const waiting: Array<() => void> = []
  const answer = async () => {
    inFlight++
    peak = Math.max(peak, inFlight)
    await new Promise<void>((resolve) => waiting.push(resolve))
    inFlight--
    return json({ Reference: 'EC-000-000-001', ConsignmentState: 'Allocated' })
  }
  pro.intercept({ path: (path) => path.startsWith('/consignments/'), method: 'GET' })
    .reply(200, answer as unknown as () => string).persist()

  const calls = ['EC-1', 'EC-2', 'EC-3', 'EC-4', 'EC-5'].map(async (reference) => await client.getConsignment(reference))
  await settle()
  t.equal(inFlight, 2, 'two sent, three queued')
  while (waiting.length > 0) {
    waiting.shift()!()
    await settle()
  }
  t.equal((await Promise.all(calls)).length, 5)
  t.equal(peak, 2)
})

t.test('the client spaces requests by the rate cap, using the injected clock', async (t) => {
  const { client, pro, clock, log } = harness(t, { requestsPerSecond: 2, rateBurst: 1 })
  const sentAt: number[] = []
  pro.intercept({ path: '/tracking/EC-1', method: 'GET' }).reply(() => {
    sentAt.push(clock.now())
    return { statusCode: 200, data: json({ ConsignmentReferenceForAllLegsAssignedByMpd: 'EC-1', TrackedPackages: [] }) }
  }).persist()
  await Promise.all([1, 2, 3, 4, 5].map(async () => await client.tracking('EC-1')))
  const start = sentAt[0]!
  t.same(sentAt.map((at) => at - start), [0, 500, 1000, 1500, 2000])
  t.same(log.lines.map((line) => line.obj.queuedMs), [0, 500, 1000, 1500, 2000], 'the wait is logged apart from the call time')
})

t.test('ConcurrencyLimit hands a freed slot to the longest waiter', async (t) => {
  const limit = new ConcurrencyLimit(1)
  const order: string[] = []
  let releaseFirst!: () => void
  const first = limit.run(async () => {
    order.push('first')
    await new Promise<void>((resolve) => { releaseFirst = resolve })
  })
  const second = limit.run(async () => { order.push('second') })
  const third = limit.run(async () => { order.push('third') })
  await settle()
  t.same([limit.active, limit.queued], [1, 2])
  releaseFirst()
  await Promise.all([first, second, third])
  t.same(order, ['first', 'second', 'third'])
  t.same([limit.active, limit.queued], [0, 0])
})

t.test('ConcurrencyLimit frees the slot when a task fails', async (t) => {
  const limit = new ConcurrencyLimit(1)
  const boom = new Error('boom')
  t.equal(await limit.run(async () => { throw boom }).catch((error: unknown) => error), boom, 'the task\'s own error')
  t.equal(await limit.run(async () => 'next'), 'next')
})

t.test('RateLimit lets a burst through, then spaces callers; idle time refills only up to the burst', async (t) => {
  const clock = fakeClock()
  const rate = new RateLimit(10, 3, clock)
  const start = clock.now()
  const takenAt: number[] = []
  await Promise.all([1, 2, 3, 4, 5].map(async () => {
    await rate.take()
    takenAt.push(clock.now() - start)
  }))
  t.same(takenAt, [0, 0, 0, 100, 200])

  await clock.sleep(60_000)
  const idleStart = clock.now()
  const afterIdle: number[] = []
  await Promise.all([1, 2, 3, 4].map(async () => {
    await rate.take()
    afterIdle.push(clock.now() - idleStart)
  }))
  t.same(afterIdle, [0, 0, 0, 100])
})

t.test('limits refuse nonsense settings', async (t) => {
  t.throws(() => new ConcurrencyLimit(0), RangeError)
  t.throws(() => new RateLimit(0, 1, fakeClock()), RangeError)
  t.throws(() => new RateLimit(5, 0, fakeClock()), RangeError)
})
