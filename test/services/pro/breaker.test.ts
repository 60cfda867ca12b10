import t from 'tap'
import { errors } from 'undici'
import { harness, json, rejection, until } from './harness.js'
import { ProCircuitOpenError, ProRejectedError, ProUnavailableError } from '../../../src/services/pro/errors.js'

/*
 * The circuit breaker of the shopper-facing clients. Its half-open delay runs on the wall clock
 * (cockatiel reads Date.now), so these tests use a short one and wait for it to pass.
 */

const HALF_OPEN_AFTER_MS = 40
const tracked = json({ ConsignmentReferenceForAllLegsAssignedByMpd: 'EC-1', TrackedPackages: [] })

type Mode = 'fail' | 'ok' | 'hang' | 'reject'

function scriptedPro (pro: ReturnType<typeof harness>['pro']) {
  const state = { mode: 'fail' as Mode, requests: 0, release: [] as Array<() => void> }
  pro.intercept({ path: '/tracking/EC-1', method: 'GET' }).reply(() => {
    state.requests++
    switch (state.mode) {
      case 'fail': return { statusCode: 503, data: '' }
      case 'reject': return { statusCode: 404, data: json({ Code: 'NotFound' }) }
      case 'ok': return { statusCode: 200, data: tracked }
      case 'hang': return {
        statusCode: 200,
        data: async () => {
          await new Promise<void>((resolve) => state.release.push(resolve))
          return tracked
        }
      }
    }
  }).persist()
  return state
}

async function halfOpenDelayPassed (openedBy: number): Promise<void> {
  await until(() => Date.now() > openedBy + HALF_OPEN_AFTER_MS)
}

t.test('the breaker opens after the threshold, fails at once without a request, then lets one probe through', async (t) => {
  const { client, pro, log } = harness(t, { maxRetries: 0, breaker: { threshold: 3, halfOpenAfterMs: HALF_OPEN_AFTER_MS } })
  const upstream = scriptedPro(pro)
  for (let i = 0; i < 3; i++) {
    const error = await rejection(client.tracking('EC-1'))
    t.type(error, ProUnavailableError)
    t.notOk(error instanceof ProCircuitOpenError, `failure ${i + 1} reached PRO`)
  }
  const openedBy = Date.now()
  t.equal(upstream.requests, 3)

  const open = await rejection(client.tracking('EC-1'))
  t.type(open, ProCircuitOpenError)
  t.type(open, ProUnavailableError, 'still a 503 UPSTREAM_UNAVAILABLE to our callers')
  t.match(open, { code: 'UPSTREAM_UNAVAILABLE', status: 503, outcomeUnknown: false, circuitOpen: true, op: 'tracking' })
  t.match((open as ProCircuitOpenError).detail, /circuit open/)
  t.equal(upstream.requests, 3, 'no request reached PRO')
  t.ok(log.lines.some((line) => line.level === 'warn' && /circuit open/.test(line.msg ?? '')), 'the opening is logged')

  await halfOpenDelayPassed(openedBy)
  upstream.mode = 'hang'
  const probe = client.tracking('EC-1')
  await until(() => upstream.requests === 4)
  t.type(await rejection(client.tracking('EC-1')), ProCircuitOpenError, 'only one probe while half-open')
  t.equal(upstream.requests, 4)
  upstream.release.shift()!()
  t.equal((await probe).ConsignmentReferenceForAllLegsAssignedByMpd, 'EC-1')

  upstream.mode = 'ok'
  await client.tracking('EC-1')
  await client.tracking('EC-1')
  t.equal(upstream.requests, 6, 'closed again: calls go through')
})

t.test('a failing probe opens the circuit again', async (t) => {
  const { client, pro } = harness(t, { maxRetries: 0, breaker: { threshold: 2, halfOpenAfterMs: HALF_OPEN_AFTER_MS } })
  const upstream = scriptedPro(pro)
  await rejection(client.tracking('EC-1'))
  await rejection(client.tracking('EC-1'))
  let openedBy = Date.now()
  await halfOpenDelayPassed(openedBy)
  const probe = await rejection(client.tracking('EC-1'))
  openedBy = Date.now()
  t.match(probe, { upstreamStatus: 503 })
  t.type(await rejection(client.tracking('EC-1')), ProCircuitOpenError)
  t.equal(upstream.requests, 3)
  await halfOpenDelayPassed(openedBy)
  upstream.mode = 'ok'
  await client.tracking('EC-1')
  t.equal(upstream.requests, 4)
})

t.test('rejections (4xx) do not open the circuit; they show PRO is answering', async (t) => {
  const { client, pro } = harness(t, { maxRetries: 0, breaker: { threshold: 2, halfOpenAfterMs: 60_000 } })
  const upstream = scriptedPro(pro)
  await rejection(client.tracking('EC-1'))
  upstream.mode = 'reject'
  for (let i = 0; i < 3; i++) t.type(await rejection(client.tracking('EC-1')), ProRejectedError)
  upstream.mode = 'fail'
  t.notOk(await rejection(client.tracking('EC-1')) instanceof ProCircuitOpenError, 'the 404s reset the count of failures')
  t.notOk(await rejection(client.tracking('EC-1')) instanceof ProCircuitOpenError, 'this second failure in a row opens it')
  t.type(await rejection(client.tracking('EC-1')), ProCircuitOpenError)
  t.equal(upstream.requests, 6)
})

t.test('connection failures count, each attempt once; a retry is not made into an open circuit', async (t) => {
  const { client, pro, agent } = harness(t, { maxRetries: 2, breaker: { threshold: 2, halfOpenAfterMs: 60_000 } })
  pro.intercept({ path: '/tracking/EC-1', method: 'GET' })
    .replyWithError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).times(2)
  const error = await rejection(client.tracking('EC-1'))
  t.type(error, ProUnavailableError)
  t.notOk(error instanceof ProCircuitOpenError, 'the caller learns what PRO did, not that the circuit opened')
  t.match(error, { outcomeUnknown: false })
  t.same(agent.pendingInterceptors(), [], 'two attempts were made, the third (a retry) was not')
  t.type(await rejection(client.tracking('EC-1')), ProCircuitOpenError, 'the next call is not sent (no interceptor is left)')
})

t.test('a client without breaker settings never opens a circuit', async (t) => {
  const { client, pro } = harness(t, { maxRetries: 0 })
  pro.intercept({ path: '/tracking/EC-1', method: 'GET' }).replyWithError(new errors.SocketError('closed')).times(8)
  for (let i = 0; i < 8; i++) {
    const error = await rejection(client.tracking('EC-1'))
    t.notOk(error instanceof ProCircuitOpenError)
  }
})
