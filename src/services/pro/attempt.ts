import type { Dispatcher } from 'undici'
import type { Clock } from './clock.js'
import type { AbortCause } from './deadline.js'
import { ProInvalidResponseError, ProTimeoutError, ProUnavailableError, type ProError } from './errors.js'
import type { ProOperation } from './operations.js'
import { readRejection } from './readers.js'
import { classifyError, parseRetryAfter, type AttemptFailure } from './retry-policy.js'
import type { Verdict } from './breaker.js'

/* One HTTP exchange with PRO, and what its outcome means to the caller and to the breaker. */

export type Attempt =
  | { ok: true, status: number, text: string }
  | { ok: false, failure: AttemptFailure, text: string }

export interface AttemptRequest {
  method: 'GET' | 'POST' | 'PUT'
  /** Path and query below the origin. */
  path: string
  body?: unknown
}

export interface AttemptSettings {
  origin: string
  headers: Record<string, string>
  headersTimeoutMs: number
  bodyTimeoutMs: number
}

/** A failure code for an attempt cut short by the call's signal (see retry-policy's timeouts). */
const ABORT_CODES: Record<AbortCause, string> = { deadline: 'PRO_DEADLINE_EXCEEDED', cancelled: 'PRO_CALL_CANCELLED' }

export function createAttempt (dispatcher: Dispatcher, settings: AttemptSettings, clock: Clock) {
  /** Never throws: every outcome is an Attempt. `abortedBy` tells why `signal` aborted, if it did. */
  return async function attempt (request: AttemptRequest, signal: AbortSignal, abortedBy: () => AbortCause | undefined): Promise<Attempt> {
    const json = request.body === undefined ? undefined : JSON.stringify(request.body)
    const failed = (error: unknown, phase: 'headers' | 'body'): Attempt => {
      const cause = abortedBy()
      // Once handed to undici the request may have reached PRO: an abort is a timeout, outcome unknown.
      if (cause !== undefined) return { ok: false, failure: { kind: 'timeout', phase, code: ABORT_CODES[cause], cause: error }, text: '' }
      return { ok: false, failure: classifyError(error), text: '' }
    }
    let response: Dispatcher.ResponseData
    try {
      response = await untilAborted(signal, dispatcher.request({
        origin: settings.origin,
        path: request.path,
        method: request.method,
        // Only with a body: an empty PUT declared as JSON is a 400 on many servers.
        headers: json === undefined ? settings.headers : { ...settings.headers, 'content-type': 'application/json' },
        body: json,
        headersTimeout: settings.headersTimeoutMs,
        bodyTimeout: settings.bodyTimeoutMs,
        signal
      }))
    } catch (error) {
      return failed(error, 'headers')
    }
    let text: string
    try {
      text = await response.body.text()
    } catch (error) {
      return failed(error, 'body')
    }
    const status = response.statusCode
    if (status >= 200 && status < 300) return { ok: true, status, text }
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'], clock.now())
    return { ok: false, failure: { kind: 'status', status, retryAfterMs }, text }
  }
}

/**
 * undici settles an aborted request only once a connection takes it up: one still waiting for a
 * connection of the pool would outlive its deadline. This settles at the abort; the abandoned
 * request is then dropped by undici before it is sent.
 */
function untilAborted (signal: AbortSignal, pending: Promise<Dispatcher.ResponseData>): Promise<Dispatcher.ResponseData> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      reject(signal.reason)
      pending.then(async (late) => { await late.body.dump() }, () => {})
    }
    if (signal.aborted) {
      onAbort()
      return
    }
    signal.addEventListener('abort', onAbort, { once: true })
    pending.then((response) => {
      signal.removeEventListener('abort', onAbort)
      resolve(response)
    }, (error: unknown) => {
      signal.removeEventListener('abort', onAbort)
      reject(error)
    })
  })
}

export function failureError (op: ProOperation, failure: AttemptFailure, text: string): ProError {
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

/**
 * What an attempt tells the breaker. PRO failing counts: 5xx, connection failures, no answer in
 * time. An answer, even a 4xx or 429, shows PRO is up. A caller giving up says nothing about PRO,
 * and neither does a deadline that left the attempt less than `slowMs` (time eaten by our own
 * queue or by earlier attempts).
 */
export function breakerVerdict (outcome: Attempt, inFlightMs: number, slowMs: number): Verdict {
  if (outcome.ok) return 'success'
  const { failure } = outcome
  switch (failure.kind) {
    case 'status': return failure.status >= 500 ? 'failure' : 'success'
    case 'connect':
    case 'network': return 'failure'
    case 'timeout':
      if (failure.code === ABORT_CODES.cancelled) return 'neutral'
      if (failure.code === ABORT_CODES.deadline && inFlightMs < slowMs) return 'neutral'
      return 'failure'
  }
}
