import t from 'tap'
import { AppError } from '../../../src/errors.js'
import {
  ProCircuitOpenError, ProInvalidResponseError, ProRejectedError, ProTimeoutError, ProUnavailableError, isProError
} from '../../../src/services/pro/errors.js'

t.test('each PRO error is an AppError with a stable code', async (t) => {
  const errors = [
    [new ProRejectedError('pack', 400, { Code: 'UnknownSku', Message: 'SKU X is not on order EO-1' }), 'UPSTREAM_REJECTED', 502],
    [new ProUnavailableError('pack', { upstreamStatus: 503, outcomeUnknown: true }), 'UPSTREAM_UNAVAILABLE', 503],
    [new ProTimeoutError('pack', 'body'), 'UPSTREAM_UNAVAILABLE', 503],
    [new ProTimeoutError('pack', 'queue'), 'UPSTREAM_UNAVAILABLE', 503],
    [new ProCircuitOpenError('pack', 3), 'UPSTREAM_UNAVAILABLE', 503],
    [new ProInvalidResponseError('pack', [{ path: '/Results', message: 'Expected array' }]), 'UPSTREAM_INVALID_RESPONSE', 502]
  ] as const
  for (const [error, code, status] of errors) {
    t.type(error, AppError)
    t.ok(isProError(error), `${error.name} is a ProError`)
    t.equal(error.code, code)
    t.equal(error.status, status)
    t.equal(error.op, 'pack')
  }
})

t.test('public detail never carries PRO text', async (t) => {
  const rejected = new ProRejectedError('pack', 400, { Code: 'UnknownSku', Message: 'SKU X is not on order EO-1', CorrelationId: 'c-1' })
  t.notMatch(rejected.detail, /SKU X|UnknownSku|c-1/)
  t.equal(rejected.proMessage, 'SKU X is not on order EO-1', 'kept for the logs')
  const unavailable = new ProUnavailableError('tracking', { upstreamStatus: 429, retryAfterSeconds: 30, outcomeUnknown: false })
  t.equal(unavailable.retryAfterSeconds, 30, 'passed on to our Retry-After')
  t.match(unavailable.detail, /HTTP 429/)
})

t.test('a timeout is of unknown outcome once sent; in our queue it was never sent', async (t) => {
  t.equal(new ProTimeoutError('pack', 'headers').outcomeUnknown, true)
  t.equal(new ProTimeoutError('pack', 'body').outcomeUnknown, true)
  const queued = new ProTimeoutError('pack', 'queue')
  t.equal(queued.outcomeUnknown, false)
  t.match(queued.detail, /could not be sent in time/)
})

t.test('an open circuit is a 503 that was never sent, with a stable detail', async (t) => {
  const open = new ProCircuitOpenError('selectOrder', 4)
  t.type(open, ProUnavailableError)
  t.match(open, { circuitOpen: true, outcomeUnknown: false, retryAfterSeconds: 4, upstreamStatus: undefined, name: 'ProCircuitOpenError' })
  t.equal(open.detail, 'The shipping platform is failing; the selectOrder request was not sent (circuit open)')
})

t.test('isProError refuses other errors', async (t) => {
  t.notOk(isProError(new AppError('UPSTREAM_REJECTED')))
  t.notOk(isProError(new Error('x')))
  t.notOk(isProError(undefined))
})
