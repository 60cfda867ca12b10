import { hasSideEffects, type ProOperation } from './operations.js'

/** Why one attempt of a call did not produce a 2xx answer. */
export type AttemptFailure =
  | { kind: 'status', status: number, retryAfterMs: number | undefined }
  /** No connection was made, so PRO certainly did not see the request. */
  | { kind: 'connect', code: string, cause: unknown }
  /**
   * Sent, but no (complete) answer in time: undici's headers/body timeout, or the call's deadline or
   * caller ending it once the request was handed to undici (codes PRO_DEADLINE_EXCEEDED, PRO_CALL_CANCELLED).
   */
  | { kind: 'timeout', phase: 'headers' | 'body', code: string, cause: unknown }
  /** The connection failed after the request may have been sent. */
  | { kind: 'network', code: string, cause: unknown }

const CONNECT_FAILURES = new Set([
  'ECONNREFUSED', 'UND_ERR_CONNECT_TIMEOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'
])
const RETRYABLE_READ_STATUSES = new Set([502, 503, 504])

function errorCode (error: unknown): string {
  const { code, cause, name } = error as { code?: unknown, cause?: { code?: unknown }, name?: string }
  if (typeof code === 'string') return code
  if (typeof cause?.code === 'string') return cause.code
  return name ?? 'UNKNOWN'
}

export function classifyError (error: unknown): AttemptFailure {
  const code = errorCode(error)
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return { kind: 'timeout', phase: 'headers', code, cause: error }
  if (code === 'UND_ERR_BODY_TIMEOUT') return { kind: 'timeout', phase: 'body', code, cause: error }
  if (CONNECT_FAILURES.has(code)) return { kind: 'connect', code, cause: error }
  return { kind: 'network', code, cause: error }
}

/**
 * Reads may be repeated after any transient failure. Calls with side effects are repeated only
 * when PRO certainly did not process them: a 429 or a connection that was never made.
 */
export function isRetryable (failure: AttemptFailure, op: ProOperation): boolean {
  const read = !hasSideEffects(op)
  switch (failure.kind) {
    case 'status': return failure.status === 429 || (read && RETRYABLE_READ_STATUSES.has(failure.status))
    case 'connect': return true
    case 'timeout':
    case 'network': return read
  }
}

export interface BackoffSettings {
  baseDelayMs: number
  maxDelayMs: number
}

/** Exponential backoff with full jitter; a Retry-After from PRO is a floor. `retry` counts from 1. */
export function retryDelayMs (failure: AttemptFailure, retry: number, settings: BackoffSettings, random: () => number): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retry - 1))
  const backoff = Math.floor(random() * ceiling)
  const asked = failure.kind === 'status' ? failure.retryAfterMs : undefined
  return asked === undefined ? backoff : Math.max(asked, backoff)
}

/** `Retry-After` as delta-seconds or an HTTP date, in milliseconds from `nowMs`. */
export function parseRetryAfter (header: string | string[] | undefined, nowMs: number): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim()
  if (value === undefined || value === '') return undefined
  if (/^\d+$/.test(value)) return Number(value) * 1000
  // HTTP dates start with the day name; anything else Date.parse might still accept is noise.
  const at = /^[A-Za-z]{3}/.test(value) ? Date.parse(value) : Number.NaN
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs)
}
