import { AppError, type ErrorCode } from '../../errors.js'
import type { ProErrorBody, ProErrorDetail } from './schemas/common.js'
import type { ProOperation } from './operations.js'

/*
 * Errors of PRO calls. Each maps to one of our error codes; `detail` (shown to API callers) never
 * holds PRO's text or body, which stay on properties for the logs.
 */

interface ProErrorOptions {
  /** Whether PRO may have acted on the request although no usable answer came back. */
  outcomeUnknown: boolean
  detail: string
  retryAfterSeconds?: number
  cause?: unknown
}

export abstract class ProError extends AppError {
  readonly op: ProOperation
  /**
   * True after a timeout once the request was sent, a 5xx, a connection lost mid-call or an
   * unreadable 2xx: before repeating a call with side effects, look up what PRO did.
   */
  readonly outcomeUnknown: boolean

  constructor (code: ErrorCode, op: ProOperation, options: ProErrorOptions) {
    super(code, { detail: options.detail, retryAfterSeconds: options.retryAfterSeconds, cause: options.cause })
    this.op = op
    this.outcomeUnknown = options.outcomeUnknown
  }
}

/** PRO answered 4xx (other than 429): validation, rule or state violation, unknown reference, auth. */
export class ProRejectedError extends ProError {
  /** PRO's HTTP status (`status` is ours, 502). */
  readonly upstreamStatus: number
  readonly proCode: string | undefined
  readonly proMessage: string | undefined
  readonly correlationId: string | undefined
  readonly details: ProErrorDetail[]

  constructor (op: ProOperation, upstreamStatus: number, body: ProErrorBody | undefined) {
    super('UPSTREAM_REJECTED', op, {
      outcomeUnknown: false,
      detail: `The shipping platform rejected the ${op} request (HTTP ${upstreamStatus})`
    })
    this.name = 'ProRejectedError'
    this.upstreamStatus = upstreamStatus
    this.proCode = body?.Code ?? undefined
    this.proMessage = body?.Message ?? undefined
    this.correlationId = body?.CorrelationId ?? undefined
    this.details = body?.Details ?? []
  }

  get isNotFound (): boolean {
    return this.upstreamStatus === 404
  }
}

/** What our 503s advise callers when PRO itself gave no Retry-After. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5

/** 5xx, 429 or a connection failure, after the retries allowed for the call. */
export class ProUnavailableError extends ProError {
  readonly upstreamStatus: number | undefined

  constructor (op: ProOperation, options: {
    upstreamStatus?: number
    retryAfterSeconds?: number
    outcomeUnknown: boolean
    detail?: string
    cause?: unknown
  }) {
    super('UPSTREAM_UNAVAILABLE', op, {
      outcomeUnknown: options.outcomeUnknown,
      detail: options.detail ?? (options.upstreamStatus !== undefined
        ? `The shipping platform could not handle the ${op} request (HTTP ${options.upstreamStatus})`
        : `The shipping platform could not be reached for the ${op} request`),
      retryAfterSeconds: options.retryAfterSeconds ?? UNAVAILABLE_RETRY_AFTER_SECONDS,
      cause: options.cause
    })
    this.name = 'ProUnavailableError'
    this.upstreamStatus = options.upstreamStatus
  }
}

/**
 * PRO kept failing, so the client's circuit breaker is open: the call failed at once and was never
 * sent (`outcomeUnknown` is false). `Retry-After` is the time until the breaker lets a probe through.
 */
export class ProCircuitOpenError extends ProUnavailableError {
  readonly circuitOpen = true

  constructor (op: ProOperation, retryAfterSeconds: number) {
    super(op, {
      outcomeUnknown: false,
      retryAfterSeconds,
      detail: `The shipping platform is failing; the ${op} request was not sent (circuit open)`
    })
    this.name = 'ProCircuitOpenError'
  }
}

/**
 * Where a call ran out of time: `queue` while waiting in our own concurrency or rate queue (never
 * sent), `headers` or `body` once sent (PRO may have acted on it).
 */
export type TimeoutPhase = 'queue' | 'headers' | 'body'

/** No answer by the call's deadline, by a headers or body timeout, or the caller gave up (its signal). */
export class ProTimeoutError extends ProError {
  readonly phase: TimeoutPhase

  constructor (op: ProOperation, phase: TimeoutPhase, cause?: unknown) {
    super('UPSTREAM_UNAVAILABLE', op, {
      outcomeUnknown: phase !== 'queue',
      detail: phase === 'queue'
        ? `The ${op} request to the shipping platform could not be sent in time`
        : `The shipping platform did not answer the ${op} request in time`,
      retryAfterSeconds: UNAVAILABLE_RETRY_AFTER_SECONDS,
      cause
    })
    this.name = 'ProTimeoutError'
    this.phase = phase
  }
}

export interface ResponseProblem {
  path: string
  message: string
}

/** A 2xx PRO answer that is not JSON, does not match the schema, or carries unusable data. */
export class ProInvalidResponseError extends ProError {
  readonly upstreamStatus: number | undefined
  /** What was wrong, for the logs (JSON paths and schema messages; no payload values). */
  readonly problems: ResponseProblem[]

  constructor (op: ProOperation, problems: ResponseProblem[], options: { upstreamStatus?: number, cause?: unknown } = {}) {
    super('UPSTREAM_INVALID_RESPONSE', op, {
      outcomeUnknown: true,
      detail: `The shipping platform answered the ${op} request with an unexpected response`,
      cause: options.cause
    })
    this.name = 'ProInvalidResponseError'
    this.upstreamStatus = options.upstreamStatus
    this.problems = problems
  }
}

export function isProError (error: unknown): error is ProError {
  return error instanceof ProError
}
