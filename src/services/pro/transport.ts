import { Pool, type Dispatcher } from 'undici'
import type { Log } from '../log.js'
import { breakerVerdict, createAttempt, failureError, type Attempt } from './attempt.js'
import { CircuitBreaker, type BreakerSettings } from './breaker.js'
import { systemClock, type Clock } from './clock.js'
import { CallDeadline, type SendBound } from './deadline.js'
import { ProTimeoutError } from './errors.js'
import { ConcurrencyLimit, RateLimit, WaitAbortedError } from './limits.js'
import type { ProOperation } from './operations.js'
import { isRetryable, retryDelayMs } from './retry-policy.js'

export type { SendBound } from './deadline.js'
export type { BreakerSettings } from './breaker.js'

export interface ProTransportOptions {
  /** e.g. `https://api.electioapp.com`; a path prefix is kept. */
  baseUrl: string
  /** Sent as `ocp-apim-subscription-key`; never logged. */
  apiKey: string
  connectTimeoutMs?: number
  headersTimeoutMs?: number
  bodyTimeoutMs?: number
  /** Keep-alive connections of the pool. */
  maxConnections?: number
  /** Requests in flight; more wait in a queue. */
  maxConcurrent?: number
  requestsPerSecond?: number
  /** Requests that may go at once after a quiet spell (1 = evenly spaced). */
  rateBurst?: number
  /** Retries after the first attempt, for failures the call's kind allows to retry. */
  maxRetries?: number
  retryBaseDelayMs?: number
  retryMaxDelayMs?: number
  /** A longer Retry-After is not waited for: the call fails with it instead, for the caller to reschedule. */
  retryAfterMaxMs?: number
  /**
   * Every call's deadline when the caller gives none (an earlier one given wins): the wait in the
   * queues, every attempt, every retry sleep end by then.
   */
  callTimeoutMs?: number
  /** Fails calls at once while PRO keeps failing; without it, no breaker. */
  breaker?: BreakerSettings
  logger?: Log
  /** Replaces the pool (tests pass an undici MockAgent); the caller closes it. */
  dispatcher?: Dispatcher
  clock?: Clock
  random?: () => number
}

export const TRANSPORT_DEFAULTS = {
  connectTimeoutMs: 2000,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  maxConnections: 16,
  maxConcurrent: 32,
  requestsPerSecond: 50,
  rateBurst: 1,
  maxRetries: 2,
  retryBaseDelayMs: 200,
  retryMaxDelayMs: 2000,
  retryAfterMaxMs: 5000,
  callTimeoutMs: 20_000
}

export interface ProRequest {
  op: ProOperation
  method: 'GET' | 'POST' | 'PUT'
  /** Path below the base URL, parameters already encoded. */
  path: string
  query?: Record<string, string | number | boolean>
  body?: unknown
}

export interface ProTransport {
  /**
   * The body text of PRO's 2xx answer; any other outcome throws a ProError. The call ends by
   * `bound.deadline` (clock ms; at most `callTimeoutMs` from now) or when `bound.signal` aborts:
   * a ProTimeoutError, phase `queue` (never sent) or `headers`/`body` (sent, outcome unknown).
   */
  send (request: ProRequest, bound?: SendBound): Promise<string>
  close (): Promise<void>
}

const silentLog: Log = { debug () {}, info () {}, warn () {}, error () {} }

export function createProTransport (options: ProTransportOptions): ProTransport {
  const settings: typeof TRANSPORT_DEFAULTS = { ...TRANSPORT_DEFAULTS, ...withoutUndefined(options) }
  const base = new URL(options.baseUrl)
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new TypeError('PRO base URL must be http(s)')
  const origin = base.origin
  const prefix = base.pathname.replace(/\/+$/, '')
  const clock = options.clock ?? systemClock
  const random = options.random ?? Math.random
  const log = options.logger ?? silentLog
  const dispatcher = options.dispatcher ?? new Pool(origin, {
    connections: settings.maxConnections,
    connectTimeout: settings.connectTimeoutMs,
    headersTimeout: settings.headersTimeoutMs,
    bodyTimeout: settings.bodyTimeoutMs
  })
  const concurrency = new ConcurrencyLimit(settings.maxConcurrent)
  const rate = new RateLimit(settings.requestsPerSecond, settings.rateBurst, clock)
  const breaker = options.breaker === undefined ? undefined : new CircuitBreaker(options.breaker, log)
  // A deadline that left an attempt less than this says little about PRO (see breakerVerdict).
  const slowMs = settings.callTimeoutMs / 2
  const attempt = createAttempt(dispatcher, {
    origin,
    headers: {
      'ocp-apim-subscription-key': options.apiKey,
      'electio-api-version': '1.1',
      accept: 'application/json'
    },
    headersTimeoutMs: settings.headersTimeoutMs,
    bodyTimeoutMs: settings.bodyTimeoutMs
  }, clock)

  async function send (request: ProRequest, bound: SendBound = {}): Promise<string> {
    // An open circuit fails the call before it queues.
    breaker?.admit(request.op)
    const deadline = Math.min(bound.deadline ?? Infinity, clock.now() + settings.callTimeoutMs)
    const call = new CallDeadline(clock, deadline, bound.signal)
    try {
      return await attempts(request, call)
    } finally {
      call.dispose()
    }
  }

  async function attempts (request: ProRequest, call: CallDeadline): Promise<string> {
    const { op, method, body } = request
    const path = prefix + request.path + queryString(request.query)
    const once = () => attempt({ method, path, body }, call.signal, () => call.abortedBy)
    for (let attemptNo = 1; ; attemptNo++) {
      const queuedAt = clock.now()
      let sentAt = queuedAt
      let outcome: Attempt
      try {
        outcome = await concurrency.run(async () => {
          await rate.take(call.signal)
          sentAt = clock.now()
          if (breaker === undefined) return await once()
          return await breaker.run(op, once, (result) => breakerVerdict(result, clock.now() - sentAt, slowMs))
        }, call.signal)
      } catch (error) {
        if (!(error instanceof WaitAbortedError)) throw error
        const queuedMs = clock.now() - queuedAt
        if (call.abortedBy === 'cancelled') log.info({ op, method, path, attempt: attemptNo, queuedMs }, 'pro call cancelled in the queue')
        else log.warn({ op, method, path, attempt: attemptNo, queuedMs }, 'pro call timed out in the queue')
        throw new ProTimeoutError(op, 'queue', error.cause)
      }
      const ms = clock.now() - sentAt
      const queuedMs = sentAt - queuedAt
      const status = outcome.ok ? outcome.status : outcome.failure.kind === 'status' ? outcome.failure.status : undefined
      const error = outcome.ok || outcome.failure.kind === 'status' ? undefined : outcome.failure.code
      log.debug({ op, method, path, status, error, attempt: attemptNo, ms, queuedMs }, 'pro call')
      if (outcome.ok) return outcome.text

      const { failure } = outcome
      const retryAfterMs = failure.kind === 'status' ? failure.retryAfterMs : undefined
      const mayRetry = attemptNo <= settings.maxRetries &&
        isRetryable(failure, op) &&
        (retryAfterMs === undefined || retryAfterMs <= settings.retryAfterMaxMs) &&
        call.abortedBy === undefined &&
        (breaker === undefined || breaker.closed)
      if (!mayRetry) throw failureError(op, failure, outcome.text)

      const delayMs = retryDelayMs(failure, attemptNo, {
        baseDelayMs: settings.retryBaseDelayMs,
        maxDelayMs: settings.retryMaxDelayMs
      }, random)
      // A retry that could only start at or after the deadline is not worth the wait.
      if (clock.now() + delayMs >= call.deadline) throw failureError(op, failure, outcome.text)
      log.warn({ op, method, path, status, error, attempt: attemptNo, delayMs }, 'pro call failed; retrying')
      if (!await call.sleep(delayMs)) throw failureError(op, failure, outcome.text)
    }
  }

  return {
    send,
    async close () {
      if (options.dispatcher === undefined) await dispatcher.close()
    }
  }
}

function queryString (query: ProRequest['query']): string {
  if (query === undefined) return ''
  const search = new URLSearchParams(Object.entries(query).map(([key, value]): [string, string] => [key, String(value)]))
  const text = search.toString()
  return text === '' ? '' : `?${text}`
}

function withoutUndefined<T extends object> (value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>
}
