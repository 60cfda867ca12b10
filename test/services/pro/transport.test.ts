import t from 'tap'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { errors } from 'undici'
import { API_KEY, fakeClock, harness, json, rejection } from './harness.js'
import { createProClient } from '../../../src/services/pro/client.js'
import { ProRejectedError, ProTimeoutError, ProUnavailableError } from '../../../src/services/pro/errors.js'

const consignment = { Reference: 'EC-000-000-001', ConsignmentState: 'Allocated' }
const created = [{ Rel: 'Link', Href: 'https://pro.test/consignments/EC-000-000-002' }]
const packBody = { OrderReference: 'EO-1', Packages: [{ Items: [{ Sku: 'SKU-1', Quantity: 1 }] }] }
const connectionRefused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })

t.test('a headers timeout on a read is retried, then surfaces as ProTimeoutError', async (t) => {
  const { client, pro, agent } = harness(t, { maxRetries: 1 })
  pro.intercept({ path: '/consignments/EC-000-000-001', method: 'GET' })
    .replyWithError(new errors.HeadersTimeoutError()).times(2)
  const error = await rejection(client.getConsignment('EC-000-000-001'))
  t.same(agent.pendingInterceptors(), [], 'both attempts were made')
  t.type(error, ProTimeoutError)
  t.equal((error as ProTimeoutError).code, 'UPSTREAM_UNAVAILABLE')
  t.equal((error as ProTimeoutError).phase, 'headers')
  t.equal((error as ProTimeoutError).outcomeUnknown, true)
})

t.test('a headers timeout on a call with side effects is not retried', async (t) => {
  const { client, pro, clock } = harness(t)
  pro.intercept({ path: '/consignments', method: 'POST' }).replyWithError(new errors.HeadersTimeoutError())
  pro.intercept({ path: '/consignments', method: 'POST' }).reply(200, json(created))
  t.type(await rejection(client.createConsignment({ Packages: [{}], Addresses: [{ AddressType: 'Origin' }] })), ProTimeoutError)
  t.same(clock.sleeps, [], 'no retry delay was asked for')
})

t.test('429 with Retry-After (seconds) is retried after the delay PRO asked for, even with side effects', async (t) => {
  const { client, pro, clock } = harness(t, { retryBaseDelayMs: 100 })
  pro.intercept({ path: '/orders/EO-1/pack', method: 'POST' }).reply(429, '', { headers: { 'retry-after': '3' } })
  pro.intercept({ path: '/orders/EO-1/pack', method: 'POST' })
    .reply(200, json({ Results: [{ Result: 'ConsignmentCreated', ApiLinks: created }] }))
  const packed = await client.packOrder('EO-1', packBody)
  t.same(packed.consignmentReferences, ['EC-000-000-002'])
  t.same(clock.sleeps, [3000])
})

t.test('429 with Retry-After as an HTTP date waits until that date', async (t) => {
  const { client, pro, clock } = harness(t)
  const retryAt = new Date(clock.now() + 4000).toUTCString()
  pro.intercept({ path: '/consignments/EC-000-000-001', method: 'GET' }).reply(429, '', { headers: { 'retry-after': retryAt } })
  pro.intercept({ path: '/consignments/EC-000-000-001', method: 'GET' }).reply(200, json(consignment))
  await client.getConsignment('EC-000-000-001')
  t.equal(clock.sleeps.length, 1)
  t.ok(clock.sleeps[0]! >= 3000 && clock.sleeps[0]! <= 4000, `waited ${clock.sleeps[0]} ms (HTTP dates have whole seconds)`)
})

t.test('a Retry-After beyond the cap is not waited for: the caller gets it to reschedule', async (t) => {
  const { client, pro, clock } = harness(t, { retryAfterMaxMs: 5000 })
  pro.intercept({ path: '/consignments/EC-000-000-001', method: 'GET' }).reply(429, '', { headers: { 'retry-after': '60' } })
  const error = await rejection(client.getConsignment('EC-000-000-001'))
  t.type(error, ProUnavailableError)
  t.equal((error as ProUnavailableError).retryAfterSeconds, 60)
  t.equal((error as ProUnavailableError).upstreamStatus, 429)
  t.same(clock.sleeps, [])
})

t.test('503 on a read is retried with jittered backoff, then succeeds', async (t) => {
  const { client, pro, clock } = harness(t, { retryBaseDelayMs: 200, random: () => 0.25 })
  pro.intercept({ path: '/consignments/EC-000-000-001', method: 'GET' }).reply(503, 'busy').times(2)
  pro.intercept({ path: '/consignments/EC-000-000-001', method: 'GET' }).reply(200, json(consignment))
  const read = await client.getConsignment('EC-000-000-001')
  t.equal(read.Reference, 'EC-000-000-001')
  t.same(clock.sleeps, [50, 100], 'full jitter of 200 ms, then 400 ms')
})

t.test('503 on a call with side effects is sent exactly once', async (t) => {
  const { client, pro } = harness(t)
  let requests = 0
  pro.intercept({ path: '/orders/EO-1/pack', method: 'POST' })
    .reply(() => { requests++; return { statusCode: 503, data: 'PRO internal detail' } }).persist()
  const error = await rejection(client.packOrder('EO-1', packBody))
  t.equal(requests, 1)
  t.type(error, ProUnavailableError)
  t.equal((error as ProUnavailableError).outcomeUnknown, true, 'PRO may have packed: reconcile first')
  t.notMatch((error as ProUnavailableError).detail, /PRO internal detail/)
})

t.test('a refused connection is retried even for a call with side effects', async (t) => {
  const { client, pro } = harness(t)
  pro.intercept({ path: '/allocation/allocate', method: 'PUT' }).replyWithError(connectionRefused())
  pro.intercept({ path: '/allocation/allocate', method: 'PUT' })
    .reply(200, json([{ ApiLinks: [{ Rel: 'detail', Href: 'https://pro.test/consignments/EC-000-000-001' }] }]))
  const [result] = await client.allocateWithDefaultRules(['EC-000-000-001'])
  t.equal(result?.consignmentReference, 'EC-000-000-001')
})

t.test('connection failures that outlast the retries surface as ProUnavailableError, outcome known', async (t) => {
  const { client, pro } = harness(t, { maxRetries: 2 })
  pro.intercept({ path: '/consignments/manifest', method: 'PUT' }).replyWithError(connectionRefused()).times(3)
  const error = await rejection(client.manifestConsignments(['EC-000-000-001']))
  t.type(error, ProUnavailableError)
  t.equal((error as ProUnavailableError).outcomeUnknown, false)
})

t.test('a connection lost mid-call is not retried for a call with side effects', async (t) => {
  const { client, pro, agent } = harness(t)
  pro.intercept({ path: '/consignments/manifest', method: 'PUT' }).replyWithError(new errors.SocketError('other side closed'))
  pro.intercept({ path: '/consignments/manifest', method: 'PUT' }).reply(200, json([]))
  const error = await rejection(client.manifestConsignments(['EC-000-000-001']))
  t.equal(agent.pendingInterceptors().length, 1, 'the second answer was never asked for')
  t.type(error, ProUnavailableError)
  t.equal((error as ProUnavailableError).outcomeUnknown, true)
})

t.test('500 and 4xx are never retried', async (t) => {
  const { client, pro } = harness(t)
  pro.intercept({ path: '/tracking/EC-1', method: 'GET' }).reply(500, '')
  pro.intercept({ path: '/tracking/EC-2', method: 'GET' }).reply(404, json({ Code: 'NotFound', Message: 'EC-2 not found' }))
  t.equal((await rejection(client.tracking('EC-1')) as ProUnavailableError).upstreamStatus, 500)
  t.equal((await rejection(client.tracking('EC-2')) as ProRejectedError).isNotFound, true)
})

t.test('every call sends the key and version headers; the key never reaches the log', async (t) => {
  const { client, pro, log } = harness(t)
  const seen: Array<Record<string, string>> = []
  pro.intercept({ path: '/consignments/EC-000-000-001', method: 'GET' }).reply((options) => {
    seen.push(options.headers as Record<string, string>)
    return seen.length === 1 ? { statusCode: 503, data: '' } : { statusCode: 200, data: json(consignment) }
  }).times(2)
  await client.getConsignment('EC-000-000-001')
  t.equal(seen.length, 2)
  for (const headers of seen) {
    t.equal(headers['ocp-apim-subscription-key'], API_KEY)
    t.equal(headers['electio-api-version'], '1.1')
    t.equal(headers.accept, 'application/json')
  }
  t.same(log.lines.map((line) => line.level), ['debug', 'warn', 'debug'], 'one line per attempt, the retry at warn')
  t.match(log.lines[2]!.obj, { op: 'getConsignment', method: 'GET', path: '/consignments/EC-000-000-001', status: 200, attempt: 2 })
  t.notMatch(JSON.stringify(log.lines), API_KEY)
})

t.test('content-type is sent with a body only; a base URL path is kept as a prefix', async (t) => {
  const { client, agent } = harness(t, { baseUrl: 'https://pro.test/v1/' })
  const pro = agent.get('https://pro.test')
  const contentTypes: Array<string | undefined> = []
  const record = (options: { headers?: unknown }) => {
    contentTypes.push((options.headers as Record<string, string>)['content-type'])
    return { statusCode: 200, data: json([]) }
  }
  pro.intercept({ path: '/v1/consignments/EC-1/cancel', method: 'PUT' }).reply(record)
  pro.intercept({ path: '/v1/consignments/cancellist', method: 'PUT', body: json(['EC-1']) }).reply(record)
  await client.cancelConsignment('EC-1')
  await client.cancelConsignments(['EC-1'])
  t.same(contentTypes, [undefined, 'application/json'])
})

async function listen (handler: http.RequestListener): Promise<{ url: string, server: http.Server }> {
  const server = http.createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, server }
}

async function stop (server: http.Server): Promise<void> {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
}

t.test('over a real socket: the pool sends the headers and reuses its connection', async (t) => {
  const seen: http.IncomingHttpHeaders[] = []
  const sockets = new Set<unknown>()
  const { url, server } = await listen((request, response) => {
    seen.push(request.headers)
    sockets.add(request.socket)
    response.setHeader('content-type', 'application/json')
    response.end(json({ ConsignmentReferenceForAllLegsAssignedByMpd: 'EC-1', TrackedPackages: [] }))
  })
  t.teardown(() => stop(server))
  const client = createProClient({ baseUrl: url, apiKey: API_KEY })
  t.teardown(() => client.close())
  for (let i = 0; i < 5; i++) await client.tracking('EC-1')
  t.equal(seen.length, 5)
  t.equal(seen[0]?.['ocp-apim-subscription-key'], API_KEY)
  t.equal(seen[0]?.['electio-api-version'], '1.1')
  // The pool may open a second socket while the first is being released; it must not open one per call.
  t.ok(sockets.size < 5, `keep-alive connections are reused (${sockets.size} sockets for 5 calls)`)
})

t.test('over a real socket: a server that never answers is a ProTimeoutError', async (t) => {
  const { url, server } = await listen(() => { /* never answers */ })
  t.teardown(() => stop(server))
  const client = createProClient({ baseUrl: url, apiKey: API_KEY, headersTimeoutMs: 50, maxRetries: 0 })
  t.teardown(() => client.close())
  t.type(await rejection(client.getOrder('EO-1')), ProTimeoutError)
})

t.test('over a real socket: a refused connection is retried, then ProUnavailableError', async (t) => {
  const { url, server } = await listen(() => {})
  await stop(server)
  const clock = fakeClock()
  // A fixed jitter keeps every backoff longer than the rate limiter's spacing, so only retries sleep.
  const client = createProClient({ baseUrl: url, apiKey: API_KEY, maxRetries: 2, clock, random: () => 0.5 })
  t.teardown(() => client.close())
  const error = await rejection(client.selectOrder({ DeliveryOptions: [{ Reference: 'EDO-1' }] }))
  t.type(error, ProUnavailableError)
  t.equal((error as ProUnavailableError).outcomeUnknown, false)
  t.equal(clock.sleeps.length, 2, 'retried twice although selectOrder has side effects')
})
