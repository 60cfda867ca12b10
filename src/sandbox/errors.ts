import { randomUUID } from 'node:crypto'
import type { FastifyError, FastifyInstance } from 'fastify'

/** PRO's error body (PRO-API.md §3), with the SDK's `Details`. */
export interface ProErrorDetail { Code: string, Target: string, Message: string }
export interface ProErrorBody { Code: string, Message: string, CorrelationId: string, Details?: ProErrorDetail[] }

export class ProError extends Error {
  constructor (readonly status: number, readonly code: string, message: string, readonly details?: ProErrorDetail[]) {
    super(message)
    this.name = 'ProError'
  }
}

export function proErrorBody (code: string, message: string, details?: ProErrorDetail[]): ProErrorBody {
  return { Code: code, Message: message, CorrelationId: randomUUID(), ...(details === undefined ? {} : { Details: details }) }
}

export function notFound (code: string, message: string): ProError {
  return new ProError(404, code, message)
}

/** A 400 that names the one offending field. */
export function invalidField (code: string, target: string, message: string): ProError {
  return new ProError(400, code, message, [{ Code: code, Target: target, Message: message }])
}

export function badState (message: string, details?: ProErrorDetail[]): ProError {
  return new ProError(400, 'InvalidConsignmentState', message, details)
}

/** `/Packages/0/Weight` → `Packages[0].Weight`, the way PRO names fields. */
export function targetFromPointer (pointer: string): string {
  return pointer.split('/').filter(part => part !== '').reduce((target, part) =>
    /^\d+$/.test(part) ? `${target}[${part}]` : target === '' ? part : `${target}.${part}`, '')
}

function statusOf (error: FastifyError): number {
  const status = error.statusCode ?? 500
  return status >= 400 && status < 600 ? status : 500
}

/** Every failure leaves the simulator as a PRO error body; unknown routes answer 404 the same way. */
export function registerProErrors (app: FastifyInstance): void {
  app.setErrorHandler<FastifyError>(async (error, request, reply) => {
    if (error instanceof ProError) {
      return await reply.code(error.status).send(proErrorBody(error.code, error.message, error.details))
    }
    const status = statusOf(error)
    if (status >= 500) {
      request.log.error({ err: error }, 'sandbox handler failed')
      return await reply.code(500).send(proErrorBody('InternalServerError', 'An unexpected error occurred.'))
    }
    return await reply.code(status).send(proErrorBody('InvalidRequest', error.message))
  })
  app.setNotFoundHandler(async (request, reply) => {
    return await reply.code(404).send(proErrorBody('ResourceNotFound', `No resource matches ${request.method} ${request.url.split('?')[0] ?? ''}.`))
  })
}
