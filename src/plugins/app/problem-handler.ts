import fp from 'fastify-plugin'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { AppError, ErrorCodes, type ErrorCode, type FieldError } from '../../errors.js'
import { ProblemSchema, type Problem } from '../../schemas/problem.js'

const PROBLEM_TYPE = 'application/problem+json'

function toProblem (error: AppError, request: FastifyRequest): Problem {
  return {
    ...error.extensions,
    type: `urn:problem:checkout-bff:${error.code}`,
    title: ErrorCodes[error.code].title,
    status: error.status,
    code: error.code,
    ...(error.detail !== undefined && { detail: error.detail }),
    instance: request.id,
    ...(error.errors !== undefined && { errors: error.errors })
  }
}

function validationErrors (error: FastifyError): FieldError[] {
  const context = error.validationContext ?? 'body'
  return (error.validation ?? []).map((issue) => {
    const missing = issue.keyword === 'required' ? `/${String(issue.params.missingProperty)}` : ''
    return { field: `/${context}${issue.instancePath}${missing}`, message: issue.message ?? 'is not valid' }
  })
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'NOT_READY'
}

/** Turns anything thrown into an AppError; unknown errors become a 500 that reveals nothing. */
export function asAppError (error: FastifyError | Error): AppError {
  if (error instanceof AppError) return error
  const fastifyError = error as FastifyError
  if (fastifyError.validation) {
    return new AppError('VALIDATION_FAILED', { errors: validationErrors(fastifyError) })
  }
  const status = fastifyError.statusCode
  const code = status !== undefined ? STATUS_CODES[status] : undefined
  if (code !== undefined) {
    // Fastify's own 4xx messages (bad JSON, body too large…) are safe and helpful to show.
    return new AppError(code, { detail: error.message })
  }
  return new AppError('INTERNAL_ERROR', { cause: error })
}

export async function sendProblem (reply: FastifyReply, error: AppError): Promise<void> {
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds))
  await reply.code(error.status).type(PROBLEM_TYPE).send(toProblem(error, reply.request))
}

/** One error handler for the whole API: every error leaves as application/problem+json. */
export default fp(async function problemHandler (fastify) {
  fastify.addSchema(ProblemSchema)

  fastify.setErrorHandler(async (error: FastifyError, request, reply) => {
    const appError = asAppError(error)
    if (appError.status >= 500) {
      request.log.error({ err: error, code: appError.code }, 'request failed')
    } else {
      request.log.info({ code: appError.code, detail: appError.detail }, 'request rejected')
    }
    await sendProblem(reply, appError)
  })

  fastify.setNotFoundHandler(async (request, reply) => {
    await sendProblem(reply, new AppError('NOT_FOUND', { detail: `No route for ${request.method} ${request.url.split('?')[0]}` }))
  })
}, { name: 'problem-handler' })
