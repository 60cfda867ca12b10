import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ConsignmentViewSchema, CreateConsignmentSchema, ReferenceParamsSchema } from '../../schemas/consignments.js'
import { problemResponse } from '../../schemas/problem.js'
import { notFound, STAFF_SECURITY, TAGS, unauthorized, upstreamRejected, upstreamUnavailable } from './common.js'

const consignmentRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/consignments', {
    schema: {
      tags: TAGS,
      security: STAFF_SECURITY,
      summary: 'Create a consignment in PRO',
      description: [
        'Creates the consignment in PRO (state `Unallocated`) and answers 201 with its PRO reference (`EC-…`) and a `Location`.',
        'Posting the same `reference` and body again answers the same consignment (200) and never creates a second one;',
        'the same `reference` with another body is 409 `REFERENCE_IN_USE`. A consignment is international when the origin',
        'country (the sender address\'s, else ORIGIN_COUNTRY of the shipping locations) differs from the destination\'s: it then',
        'needs `customs` (category, reasonForExport, shippingTerms, invoiceDate) and per item countryOfOrigin, hsCode and value;',
        'a 400 names each missing field.'
      ].join(' '),
      body: CreateConsignmentSchema,
      response: {
        200: { ...ConsignmentViewSchema, description: 'this reference already names this consignment' },
        201: ConsignmentViewSchema,
        400: problemResponse('VALIDATION_FAILED: `errors` names each bad or missing field'),
        401: unauthorized,
        409: problemResponse('REFERENCE_IN_USE, or OPERATION_IN_PROGRESS while the first request with this reference runs'),
        502: upstreamRejected,
        503: upstreamUnavailable
      }
    }
  }, async (request, reply) => {
    const { status, view } = await fastify.quotes.create(request.body)
    return reply.code(status).header('location', `/consignments/${view.reference}`).send(view)
  })

  fastify.get('/consignments/:reference', {
    schema: {
      tags: TAGS,
      security: STAFF_SECURITY,
      summary: 'A consignment: state, allocation, tracking, documents, manifest batch',
      params: ReferenceParamsSchema,
      response: { 200: ConsignmentViewSchema, 401: unauthorized, 404: notFound }
    }
  }, async (request) => {
    return await fastify.quotes.read(request.params.reference)
  })

  fastify.delete('/consignments/:reference', {
    schema: {
      tags: TAGS,
      security: STAFF_SECURITY,
      summary: 'Cancel the consignment in PRO',
      description: 'Cancels in PRO (deallocating it first when it is allocated, as PRO asks) and answers the consignment, now `Cancelled`. Only before manifesting: a manifested consignment (or one the carrier already has) is 409 `ALREADY_MANIFESTED`; one already cancelled, with a request under way (allocating, manifesting, cancelling), or that PRO refuses to cancel, is 409 `CONFLICT`; both carry its `state`.',
      params: ReferenceParamsSchema,
      response: {
        200: ConsignmentViewSchema,
        401: unauthorized,
        404: notFound,
        409: problemResponse('ALREADY_MANIFESTED or CONFLICT: the consignment cannot be cancelled in its `state`'),
        502: upstreamRejected,
        503: upstreamUnavailable
      }
    }
  }, async (request) => {
    return await fastify.quotes.cancel(request.params.reference)
  })
}

export default consignmentRoutes
