import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AllocateRequestSchema, ConsignmentViewSchema, QuotesViewSchema, ReferenceParamsSchema } from '../../schemas/consignments.js'
import { problemResponse } from '../../schemas/problem.js'
import { notFound, STAFF_SECURITY, TAGS, unauthorized, upstreamRejected, upstreamUnavailable } from './common.js'

const quoteRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/consignments/:reference/quotes', {
    schema: {
      tags: TAGS,
      security: STAFF_SECURITY,
      summary: 'Carrier quotes for the consignment, cheapest first',
      description: 'Asks PRO for a quote from every service that can carry the consignment, sorted by gross price, with the services that cannot (`unavailable`, with the reason). Each quote can be used until `expiresAt`.',
      params: ReferenceParamsSchema,
      response: {
        200: QuotesViewSchema,
        401: unauthorized,
        404: notFound,
        409: problemResponse('ALREADY_ALLOCATED, CONFLICT (cancelled) or OPERATION_IN_PROGRESS'),
        502: upstreamRejected,
        503: upstreamUnavailable
      }
    }
  }, async (request) => {
    return await fastify.quotes.quotes(request.params.reference)
  })

  fastify.post('/consignments/:reference/allocation', {
    schema: {
      tags: TAGS,
      security: STAFF_SECURITY,
      summary: 'Allocate the consignment with a quote',
      description: [
        'Allocates with the quote\'s carrier service and answers the consignment with its `allocation` (carrier, service,',
        'tracking references). The label (and customs documents) are then stored in the background and the consignment joins',
        'the next manifest run. The same quote again answers the same allocation (header `Idempotent-Replayed: true`); a',
        'concurrent duplicate waits for the first. Another quote on an allocated consignment is 409 `ALREADY_ALLOCATED`; an',
        'unknown or expired quote is 409 `QUOTE_NOT_FOUND` / `QUOTE_EXPIRED`; a service that can no longer take it, 409 `ALLOCATION_FAILED`.'
      ].join(' '),
      params: ReferenceParamsSchema,
      body: AllocateRequestSchema,
      response: {
        200: ConsignmentViewSchema,
        400: problemResponse('VALIDATION_FAILED'),
        401: unauthorized,
        404: notFound,
        409: problemResponse('QUOTE_NOT_FOUND, QUOTE_EXPIRED, ALREADY_ALLOCATED, ALLOCATION_FAILED, CONFLICT or OPERATION_IN_PROGRESS'),
        502: upstreamRejected,
        503: upstreamUnavailable
      }
    }
  }, async (request, reply) => {
    const { view, replayed } = await fastify.quotes.allocate(request.params.reference, request.body.quoteReference)
    if (replayed) reply.header('idempotent-replayed', 'true')
    return reply.send(view)
  })
}

export default quoteRoutes
