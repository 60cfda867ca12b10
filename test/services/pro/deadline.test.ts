import t from 'tap'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { MockAgent, Pool } from 'undici'
import { BASE_URL, API_KEY, harness, json, manualClock, rejection, settle, watch } from './harness.js'
import { createProTransport } from '../../../src/services/pro/transport.js'
import { createProClient } from '../../../src/services/pro/client.js'
import { ProTimeoutError, ProUnavailableError } from '../../../src/services/pro/errors.js'

/* Every PRO call has a deadline: its queue wait, its attempts and its retry sleeps all end by then. */

const tracked = json({ ConsignmentReferenceForAllLegsAssignedByMpd: 'EC-1', TrackedPackages: [] })

/** An answer that PRO sends only when the test releases it; `served` counts the requests that reached PRO. */
function hangingPro (pro: ReturnType<typeof harness>['pro'], path: string, method: 'GET' | 'POST' = 'GET') {
  const state = { served: 0, release: [] as Array<(text: string) => void> }
  pro.intercept({ path, method }).reply(() => {
    state.served++
    return { statusCode: 200, data: async () => await new Promise<string>((resolve) => state.release.push(resolve)) }
  }).persist()
  return state
}

t.test('a call with side effects cut by its deadline while PRO hangs is a timeout with outcome unknown', async (t) => {
  const { client, pro, clock } = harness(t, { callTimeoutMs: 3000 }, manualClock())
  const upstream = hangingPro(pro, '/deliveryoptions/selectorder', 'POST')
  const call = watch(client.selectOrder({ DeliveryOptions: [{ Reference: 'EDO-1' }] }))
  await clock.advance(2999)
  t.equal(upstream.served, 1)
  t.equal(call.settled, false)
  await clock.advance(1)
  t.type(call.error, ProTimeoutError)
  t.match(call.error, { op: 'selectOrder', phase: 'headers', outcomeUnknown: true, code: 'UPSTREAM_UNAVAILABLE' })
  t.equal(upstream.served, 1, 'not repeated')
})

t.test('a read cut by its deadline is not retried after it', async (t) => {
  const { client, pro, clock } = harness(t, { callTimeoutMs: 2000, maxRetries: 3 }, manualClock())
  const upstream = hangingPro(pro, '/tracking/EC-1')
  const call = watch(client.tracking('EC-1'))
  await clock.advance(2000)
  t.type(call.error, ProTimeoutError)
  t.equal(upstream.served, 1)
  t.same(clock.sleeps.filter((ms) => ms > 0), [], 'no retry delay was started')
})

t.test('a Retry-After that would end past the deadline is not waited for', async (t) => {
  const { client, pro, clock } = harness(t, { callTimeoutMs: 2000, retryAfterMaxMs: 5000 })
  let requests = 0
  pro.intercept({ path: '/tracking/EC-1', method: 'GET' })
    .reply(() => { requests++; return { statusCode: 429, data: '', responseOptions: { headers: { 'retry-after': '3' } } } }).persist()
  const error = await rejection(client.tracking('EC-1'))
  t.type(error, ProUnavailableError)
  t.match(error, { upstreamStatus: 429, retryAfterSeconds: 3 })
  t.same(clock.sleeps, [], 'the call failed at once instead of sleeping past its deadline')
  t.equal(requests, 1)
})

t.test('backoff stops retrying when the next sleep would end past the deadline', async (t) => {
  const { client, pro, clock } = harness(t, { callTimeoutMs: 1500, maxRetries: 3, retryBaseDelayMs: 1000, retryMaxDelayMs: 10_000, random: () => 0.9 })
  let requests = 0
  pro.intercept({ path: '/tracking/EC-1', method: 'GET' }).reply(() => { requests++; return { statusCode: 503, data: '' } }).persist()
  const start = clock.now()
  const error = await rejection(client.tracking('EC-1'))
  t.match(error, { upstreamStatus: 503 })
  t.same(clock.sleeps, [900], 'one retry after 900 ms; the next (1800 ms) would end past the deadline')
  t.equal(requests, 2)
  t.ok(clock.now() - start <= 1500)
})

t.test('callTimeoutMs bounds a call that names no deadline, and caps a later one', async (t) => {
  const { client, pro, clock } = harness(t, { callTimeoutMs: 1000 }, manualClock())
  hangingPro(pro, '/tracking/EC-1')
  const plain = watch(client.tracking('EC-1'))
  const generous = watch(client.within({ deadline: () => clock.now() + 60_000 }).tracking('EC-1'))
  await clock.advance(999)
  t.same([plain.settled, generous.settled], [false, false])
  await clock.advance(1)
  t.type(plain.error, ProTimeoutError)
  t.type(generous.error, ProTimeoutError, 'the earlier of the two deadlines counts')
})

t.test('within() bounds every call by the deadline it reads when the call starts', async (t) => {
  const { client, pro, clock } = harness(t, { callTimeoutMs: 20_000 }, manualClock())
  const upstream = hangingPro(pro, '/tracking/EC-1')
  let leaseEnds = clock.now() + 500
  const leased = client.within({ deadline: () => leaseEnds })

  const first = watch(leased.tracking('EC-1'))
  await clock.advance(500)
  t.type(first.error, ProTimeoutError, 'cut at the lease end')
  t.match(first.error, { phase: 'headers', outcomeUnknown: true })

  leaseEnds = clock.now() + 2000
  const second = watch(leased.tracking('EC-1'))
  leaseEnds = clock.now() + 100
  await clock.advance(1999)
  t.equal(second.settled, false, 'the deadline was read when the call started')
  await clock.advance(1)
  t.type(second.error, ProTimeoutError)

  const before = upstream.served
  leaseEnds = clock.now() - 1
  const expired = await rejection(leased.tracking('EC-1'))
  t.type(expired, ProTimeoutError)
  t.match(expired, { phase: 'queue', outcomeUnknown: false }, 'a lease already over sends nothing')
  t.equal(upstream.served, before)
})

t.test('within() passes its signal on; views nest, and closing a view leaves the client open', async (t) => {
  const { client, pro, clock } = harness(t, { callTimeoutMs: 20_000 }, manualClock())
  const upstream = hangingPro(pro, '/tracking/EC-1')
  const lost = new AbortController()
  const outer = client.within({ deadline: () => clock.now() + 10_000, signal: lost.signal })
  const inner = outer.within({ deadline: () => clock.now() + 60_000 })
  const call = watch(inner.tracking('EC-1'))
  await settle()
  t.equal(upstream.served, 1)
  lost.abort()
  await settle()
  t.type(call.error, ProTimeoutError, 'an abort once sent is a timeout')
  t.match(call.error, { outcomeUnknown: true })
  t.match(await rejection(inner.tracking('EC-1')), { phase: 'queue', outcomeUnknown: false }, 'nothing is sent once aborted')
  t.equal(upstream.served, 1)

  const nested = watch(client.within({ deadline: () => clock.now() + 5000 }).within({ deadline: () => clock.now() + 60_000 }).tracking('EC-1'))
  await outer.close()
  await clock.advance(5000)
  t.type(nested.error, ProTimeoutError, 'the outer view\'s deadline holds inside the inner one')

  const answered = client.tracking('EC-1')
  await settle()
  upstream.release.at(-1)!(tracked)
  t.equal((await answered).ConsignmentReferenceForAllLegsAssignedByMpd, 'EC-1', 'the client still works after a view closed')
})

t.test('the transport takes a deadline and a signal per request', async (t) => {
  const agent = new MockAgent()
  agent.disableNetConnect()
  const clock = manualClock()
  const transport = createProTransport({ baseUrl: BASE_URL, apiKey: API_KEY, dispatcher: agent, clock })
  t.teardown(async () => {
    await transport.close()
    await agent.close()
  })
  const upstream = hangingPro(agent.get(BASE_URL), '/tracking/EC-1')
  const request = { op: 'tracking', method: 'GET', path: '/tracking/EC-1' } as const
  const byDeadline = watch(transport.send(request, { deadline: clock.now() + 250 }))
  await clock.advance(250)
  t.type(byDeadline.error, ProTimeoutError)
  const aborted = new AbortController()
  const bySignal = watch(transport.send(request, { signal: aborted.signal }))
  await settle()
  aborted.abort()
  await settle()
  t.type(bySignal.error, ProTimeoutError)
  t.equal(upstream.served, 2)
})

t.test('over a real socket: a call waiting for a pooled connection still ends at its deadline', { timeout: 15_000 }, async (t) => {
  const server = http.createServer(() => { /* never answers */ })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  // One connection, busy with a call PRO never answers; destroyed at the end, not waited for.
  const pool = new Pool(url, { connections: 1, headersTimeout: 60_000 })
  t.teardown(() => pool.destroy())
  const client = createProClient({ baseUrl: url, apiKey: API_KEY, dispatcher: pool, maxConcurrent: 2, headersTimeoutMs: 60_000, callTimeoutMs: 60_000 })
  const holding = watch(client.tracking('EC-1'))
  const waiting = await rejection(client.within({ deadline: () => Date.now() + 100 }).tracking('EC-2'))
  t.type(waiting, ProTimeoutError, 'rejected while the only connection is still busy')
  t.equal(holding.settled, false)
})
