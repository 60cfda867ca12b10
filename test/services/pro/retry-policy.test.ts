import t from 'tap'
import { errors } from 'undici'
import {
  classifyError, isRetryable, parseRetryAfter, retryDelayMs, type AttemptFailure
} from '../../../src/services/pro/retry-policy.js'

const status = (code: number, retryAfterMs?: number): AttemptFailure => ({ kind: 'status', status: code, retryAfterMs })

t.test('classifyError tells connection failures from timeouts and lost connections', async (t) => {
  t.match(classifyError(new errors.ConnectTimeoutError()), { kind: 'connect' })
  t.match(classifyError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })), { kind: 'connect' })
  t.match(classifyError(new Error('wrapped', { cause: Object.assign(new Error('dns'), { code: 'ENOTFOUND' }) })), { kind: 'connect' })
  t.match(classifyError(new errors.HeadersTimeoutError()), { kind: 'timeout', phase: 'headers' })
  t.match(classifyError(new errors.BodyTimeoutError()), { kind: 'timeout', phase: 'body' })
  t.match(classifyError(new errors.SocketError('closed')), { kind: 'network', code: 'UND_ERR_SOCKET' })
  t.match(classifyError(Object.assign(new Error('reset'), { code: 'ECONNRESET' })), { kind: 'network' })
})

t.test('reads retry every transient failure; writes only what PRO certainly did not process', async (t) => {
  const connect = classifyError(new errors.ConnectTimeoutError())
  const timeout = classifyError(new errors.HeadersTimeoutError())
  const network = classifyError(new errors.SocketError('closed'))
  const table: Array<[AttemptFailure, boolean, boolean]> = [
    // failure, read retries, write retries
    [status(429), true, true],
    [status(502), true, false],
    [status(503), true, false],
    [status(504), true, false],
    [status(500), false, false],
    [status(400), false, false],
    [status(404), false, false],
    [connect, true, true],
    [timeout, true, false],
    [network, true, false]
  ]
  for (const [failure, read, write] of table) {
    const name = failure.kind === 'status' ? String(failure.status) : failure.kind
    t.equal(isRetryable(failure, 'getConsignment'), read, `read after ${name}`)
    t.equal(isRetryable(failure, 'pickupOptions'), read, `read-only POST after ${name}`)
    t.equal(isRetryable(failure, 'allocate'), write, `write after ${name}`)
  }
})

t.test('retryDelayMs: full jitter under an exponential ceiling; Retry-After is a floor', async (t) => {
  const settings = { baseDelayMs: 100, maxDelayMs: 1000 }
  t.equal(retryDelayMs(status(503), 1, settings, () => 0.999), 99)
  t.equal(retryDelayMs(status(503), 3, settings, () => 0.5), 200)
  t.equal(retryDelayMs(status(503), 10, settings, () => 0.5), 500, 'capped at maxDelayMs')
  t.equal(retryDelayMs(status(503), 2, settings, () => 0), 0)
  t.equal(retryDelayMs(status(429, 3000), 1, settings, () => 0.5), 3000)
  t.equal(retryDelayMs(status(429, 10), 4, settings, () => 0.5), 400)
})

t.test('parseRetryAfter reads delta-seconds and HTTP dates', async (t) => {
  const now = Date.UTC(2025, 0, 6, 9, 0, 0)
  t.equal(parseRetryAfter('7', now), 7000)
  t.equal(parseRetryAfter(['2', '9'], now), 2000)
  t.equal(parseRetryAfter(new Date(now + 5000).toUTCString(), now), 5000)
  t.equal(parseRetryAfter(new Date(now - 5000).toUTCString(), now), 0, 'a date in the past means now')
  t.equal(parseRetryAfter('soon', now), undefined)
  t.equal(parseRetryAfter('-3', now), undefined)
  t.equal(parseRetryAfter(undefined, now), undefined)
  t.equal(parseRetryAfter(' ', now), undefined)
})
