import t from 'tap'
import { ConcurrencyLimit, RateLimit, WaitAbortedError } from '../../../src/services/pro/limits.js'
import { ProTimeoutError } from '../../../src/services/pro/errors.js'
import { fakeClock, harness, json, manualClock, rejection, settle, watch } from './harness.js'

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

t.test('ConcurrencyLimit: a waiter whose signal aborts leaves the queue and never takes a slot', async (t) => {
  const limit = new ConcurrencyLimit(1)
  let releaseFirst!: () => void
  const first = limit.run(async () => { await new Promise<void>((resolve) => { releaseFirst = resolve }) })
  const ran: string[] = []
  const leaving = new AbortController()
  const second = watch(limit.run(async () => { ran.push('second') }, leaving.signal))
  const third = limit.run(async () => { ran.push('third') })
  const fourth = limit.run(async () => { ran.push('fourth') })
  await settle()
  t.same([limit.active, limit.queued], [1, 3])
  const reason = new Error('deadline')
  leaving.abort(reason)
  await settle()
  t.type(second.error, WaitAbortedError)
  t.equal((second.error as WaitAbortedError).cause, reason, 'the abort reason is kept')
  t.equal(limit.queued, 2, 'the waiter left the queue at once')
  releaseFirst()
  await Promise.all([first, third, fourth])
  t.same(ran, ['third', 'fourth'], 'the others keep their arrival order')
  t.same([limit.active, limit.queued], [0, 0])
})

t.test('ConcurrencyLimit refuses a waiter that is already aborted, even with a slot free', async (t) => {
  const limit = new ConcurrencyLimit(2)
  let ran = false
  const error = await rejection(limit.run(async () => { ran = true }, AbortSignal.abort()))
  t.type(error, WaitAbortedError)
  t.equal(ran, false)
  t.same([limit.active, limit.queued], [0, 0])
})

t.test('RateLimit: a waiter whose signal aborts takes no token; the one behind it is served on time', async (t) => {
  const clock = manualClock()
  const rate = new RateLimit(1, 1, clock)
  const start = clock.now()
  await rate.take()
  const leaving = new AbortController()
  const second = watch(rate.take(leaving.signal))
  const takenAt: number[] = []
  const third = rate.take().then(() => { takenAt.push(clock.now() - start) })
  await clock.advance(400)
  t.equal(rate.queued, 2)
  leaving.abort()
  await settle()
  t.type(second.error, WaitAbortedError)
  t.equal(rate.queued, 1, 'the waiter left the line')
  await clock.advance(600)
  await third
  t.same(takenAt, [1000], 'the next caller got the token the leaver did not take')
  t.equal(rate.queued, 0)
})

t.test('a call still queued at its deadline rejects with phase queue, is logged, and leaves its place to the next', async (t) => {
  const { client, pro, clock, log } = harness(t, { maxConcurrent: 1, callTimeoutMs: 60_000 }, manualClock())
  const served: string[] = []
  const held: Array<() => void> = []
  pro.intercept({ path: (path) => path.startsWith('/tracking/'), method: 'GET' }).reply((options) => {
    served.push(options.path)
    return {
      statusCode: 200,
      data: async () => {
        await new Promise<void>((resolve) => held.push(resolve))
        return json({ ConsignmentReferenceForAllLegsAssignedByMpd: 'EC-1', TrackedPackages: [] })
      }
    }
  }).persist()

  const first = client.tracking('EC-1')
  await settle()
  await clock.advance(1000)
  const late = watch(client.within({ deadline: () => clock.now() + 5000 }).tracking('EC-2'))
  const patient = client.tracking('EC-3')
  await clock.advance(4999)
  t.same(served, ['/tracking/EC-1'], 'the first call holds the only slot')
  t.equal(late.settled, false, 'the second call waits until its deadline')
  await clock.advance(1)
  t.type(late.error, ProTimeoutError)
  t.match(late.error, { phase: 'queue', outcomeUnknown: false, op: 'tracking', code: 'UPSTREAM_UNAVAILABLE' })
  held.shift()!()
  await first
  await settle()
  t.same(served, ['/tracking/EC-1', '/tracking/EC-3'], 'the slot went to the call behind, not to the one that left')
  held.shift()!()
  t.equal((await patient).ConsignmentReferenceForAllLegsAssignedByMpd, 'EC-1')
  const queued = log.lines.find((line) => line.level === 'warn' && line.obj.path === '/tracking/EC-2')
  t.match(queued?.obj, { op: 'tracking', queuedMs: 5000 })
  t.notMatch(JSON.stringify(log.lines), 'key-that-must-never-be-logged')
})

t.test('limits refuse nonsense settings', async (t) => {
  t.throws(() => new ConcurrencyLimit(0), RangeError)
  t.throws(() => new RateLimit(0, 1, fakeClock()), RangeError)
  t.throws(() => new RateLimit(5, 0, fakeClock()), RangeError)
})
