import type { Log } from '../log.js'
import type { ProRejectedError } from './errors.js'

/**
 * PRO documents its error `Code` only as an internal code (PRO-API.md §3): what a refusal means is
 * decided from the HTTP status and what we know ourselves (an option's cut-off, a quote's expiry,
 * PRO's record of the consignment). The code, the fields PRO named and the correlation id are
 * logged for whoever asks PRO about it; PRO's message is not (it may echo the request's data).
 */
export function logRejection (log: Log, err: ProRejectedError, fields: Record<string, unknown>, msg: string): void {
  log.warn({
    ...fields,
    op: err.op,
    upstreamStatus: err.upstreamStatus,
    proCode: err.proCode ?? null,
    targets: err.details.map((detail) => detail.Target ?? null),
    correlationId: err.correlationId ?? null
  }, msg)
}

/** A refusal of the request's content or of the state it met (not our credentials, not a lost route). */
export function refusesTheRequest (err: ProRejectedError): boolean {
  return [400, 404, 409, 410, 422].includes(err.upstreamStatus)
}
