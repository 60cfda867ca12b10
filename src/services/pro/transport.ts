import { Pool, type Dispatcher } from 'undici'
import type { Log } from '../log.js'
import { systemClock, type Clock } from './clock.js'
import { ProInvalidResponseError, ProTimeoutError, ProUnavailableError, type ProError } from './errors.js'
import { ConcurrencyLimit, RateLimit } from './limits.js'
import type { ProOperation } from './operations.js'
import { readRejection } from './readers.js'
import { classifyError, isRetryable, parseRetryAfter, retryDelayMs, type AttemptFailure } from './retry-policy.js'

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
  retryAfterMaxMs: 5000
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
  /** The body text of PRO's 2xx answer; any other outcome throws a ProError. */
  send (request: ProRequest): Promise<string>
  close (): Promise<void>
}

type Attempt =
  | { ok: true, status: number, text: string }
  | { ok: false, failure: AttemptFailure, text: string }

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
  const fixedHeaders = {
    'ocp-apim-subscription-key': options.apiKey,
    'electio-api-version': '1.1',
    accept: 'application/json'
  }

  async function attempt (request: ProRequest, path: string): Promise<Attempt> {
    const json = request.body === undefined ? undefined : JSON.stringify(request.body)
    let response: Dispatcher.ResponseData
    try {
      response = await dispatcher.request({
        origin,
        path,
        method: request.method,
        // Only with a body: an empty PUT declared as JSON is a 400 on many servers.
        headers: json === undefined ? fixedHeaders : { ...fixedHeaders, 'content-type': 'application/json' },
        body: json,
        headersTimeout: settings.headersTimeoutMs,
        bodyTimeout: settings.bodyTimeoutMs
      })
    } catch (error) {
      return { ok: false, failure: classifyError(error), text: '' }
    }
    let text: string
    try {
      text = await response.body.text()
    } catch (error) {
      return { ok: false, failure: classifyError(error), text: '' }
    }
    const status = response.statusCode
    if (status >= 200 && status < 300) return { ok: true, status, text }
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'], clock.now())
    return { ok: false, failure: { kind: 'status', status, retryAfterMs }, text }
  }

  function failureError (op: ProOperation, failure: AttemptFailure, text: string): ProError {
    switch (failure.kind) {
      case 'connect': return new ProUnavailableError(op, { outcomeUnknown: false, cause: failure.cause })
      case 'network': return new ProUnavailableError(op, { outcomeUnknown: true, cause: failure.cause })
      case 'timeout': return new ProTimeoutError(op, failure.phase, failure.cause)
    }
    const { status, retryAfterMs } = failure
    const retryAfterSeconds = retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000)
    if (status === 429) return new ProUnavailableError(op, { upstreamStatus: status, retryAfterSeconds, outcomeUnknown: false })
    if (status >= 500) return new ProUnavailableError(op, { upstreamStatus: status, retryAfterSeconds, outcomeUnknown: true })
    if (status >= 400) return readRejection(op, status, text)
    return new ProInvalidResponseError(op, [{ path: '/', message: `unexpected HTTP status ${status}` }], { upstreamStatus: status })
  }

  async function send (request: ProRequest): Promise<string> {
    const { op, method } = request
    const path = prefix + request.path + queryString(request.query)
    for (let attemptNo = 1; ; attemptNo++) {
      const queuedAt = clock.now()
      let sentAt = queuedAt
      const outcome = await concurrency.run(async () => {
        await rate.take()
        sentAt = clock.now()
        return await attempt(request, path)
      })
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
        (retryAfterMs === undefined || retryAfterMs <= settings.retryAfterMaxMs)
      if (!mayRetry) throw failureError(op, failure, outcome.text)

      const delayMs = retryDelayMs(failure, attemptNo, {
        baseDelayMs: settings.retryBaseDelayMs,
        maxDelayMs: settings.retryMaxDelayMs
      }, random)
      log.warn({ op, method, path, status, error, attempt: attemptNo, delayMs }, 'pro call failed; retrying')
      await clock.sleep(delayMs)
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
