/**
 * Every error code this service answers with, in one place. A code is part of the public
 * contract: clients branch on it, so a code is never renamed or reused for another meaning.
 */
export const ErrorCodes = {
  VALIDATION_FAILED: { status: 400, title: 'The request is not valid' },
  UNAUTHORIZED: { status: 401, title: 'Missing or invalid credentials' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  CONFLICT: { status: 409, title: 'The resource is not in a state that allows this' },
  OPTION_NOT_FOUND: { status: 404, title: 'The delivery option is unknown' },
  OPTION_EXPIRED: { status: 409, title: 'The delivery option has passed its cut-off' },
  OPTION_ALREADY_USED: { status: 409, title: 'The delivery option was already used for another order' },
  BASKET_CHANGED: { status: 409, title: 'The items differ from the basket the delivery option was quoted for' },
  IDEMPOTENCY_IN_PROGRESS: { status: 409, title: 'A request with this Idempotency-Key is still being processed' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'This Idempotency-Key was used with a different request' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported content type' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL_ERROR: { status: 500, title: 'Internal error' },
  UPSTREAM_REJECTED: { status: 502, title: 'The shipping platform rejected the request' },
  UPSTREAM_INVALID_RESPONSE: { status: 502, title: 'The shipping platform answered with an unexpected response' },
  UPSTREAM_UNAVAILABLE: { status: 503, title: 'The shipping platform is unavailable' },
  NOT_READY: { status: 503, title: 'The service is not ready' },
  CONSIGNMENT_NOT_FOUND: { status: 404, title: 'The consignment is unknown' },
  REFERENCE_IN_USE: { status: 409, title: 'This reference already names a different consignment' },
  OPERATION_IN_PROGRESS: { status: 409, title: 'Another request is still working on this consignment' },
  QUOTE_NOT_FOUND: { status: 409, title: 'The quote is unknown for this consignment' },
  QUOTE_EXPIRED: { status: 409, title: 'The quote has expired' },
  ALREADY_ALLOCATED: { status: 409, title: 'The consignment is already allocated' },
  ALLOCATION_FAILED: { status: 409, title: 'The carrier service could not take the consignment' },
  NOT_ALLOCATED: { status: 409, title: 'The consignment is not allocated' },
  ALREADY_MANIFESTED: { status: 409, title: 'The consignment was manifested: the carrier has its data' }
} as const satisfies Record<string, { status: number, title: string }>

export type ErrorCode = keyof typeof ErrorCodes

export interface FieldError {
  /** JSON pointer-ish path of the failing field, e.g. `/destination/postcode`. */
  field: string
  message: string
}

/**
 * An error that maps to a problem+json answer. `detail` is shown to the caller, so it must
 * never hold secrets, SQL or upstream bodies.
 */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly detail: string | undefined
  readonly errors: FieldError[] | undefined
  /** Seconds, sent as `Retry-After` when set. */
  readonly retryAfterSeconds: number | undefined
  /** Extra members of the problem document (e.g. an alternative option). */
  readonly extensions: Record<string, unknown> | undefined

  constructor (code: ErrorCode, options: {
    detail?: string
    errors?: FieldError[]
    retryAfterSeconds?: number
    extensions?: Record<string, unknown>
    cause?: unknown
  } = {}) {
    super(options.detail ?? ErrorCodes[code].title, { cause: options.cause })
    this.name = 'AppError'
    this.code = code
    this.status = ErrorCodes[code].status
    this.detail = options.detail
    this.errors = options.errors
    this.retryAfterSeconds = options.retryAfterSeconds
    this.extensions = options.extensions
  }
}
