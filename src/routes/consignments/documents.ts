import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import {
  CustomsDocumentListSchema, CustomsDocumentParamsSchema, fileResponse, LabelQuerySchema, ReferenceParamsSchema
} from '../../schemas/consignments.js'
import { problemResponse } from '../../schemas/problem.js'
import { attachment, notFound, STAFF_SECURITY, TAGS, unauthorized, upstreamRejected, upstreamUnavailable } from './common.js'

const notAllocated = problemResponse('NOT_ALLOCATED: documents exist only once the consignment is allocated (and not cancelled)')

const documentRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/consignments/:reference/label', {
    schema: {
      tags: TAGS,
      security: STAFF_SECURITY,
      summary: 'The label file, ready to print',
      description: 'The decoded label in `format` (default `pdf`) as a download: `application/pdf`, `image/png`, or raw printer commands as `application/zpl` for `zpl` and `zplii`. Served from the stored copy when there is one, else fetched from PRO and stored.',
      params: ReferenceParamsSchema,
      querystring: LabelQuerySchema,
      response: {
        200: fileResponse('The label', ['application/pdf', 'image/png', 'application/zpl']),
        400: problemResponse('VALIDATION_FAILED: unknown format'),
        401: unauthorized,
        404: notFound,
        409: notAllocated,
        502: upstreamRejected,
        503: upstreamUnavailable
      }
    }
  }, async (request, reply) => {
    const file = await fastify.quotes.label(request.params.reference, request.query.format ?? 'pdf')
    return reply.type(file.contentType).header('content-disposition', attachment(file.fileName)).send(file.data)
  })

  fastify.get('/consignments/:reference/customs-documents', {
    schema: {
      tags: TAGS,
      security: STAFF_SECURITY,
      summary: 'Customs documents of an international consignment',
      description: 'Lists the commercial invoice and CN22/CN23 declaration PRO produced (empty, with `required: false`, for a domestic consignment).',
      params: ReferenceParamsSchema,
      response: { 200: CustomsDocumentListSchema, 401: unauthorized, 404: notFound, 409: notAllocated, 502: upstreamRejected, 503: upstreamUnavailable }
    }
  }, async (request) => {
    return await fastify.quotes.customsDocuments(request.params.reference)
  })

  fastify.get('/consignments/:reference/customs-documents/:name', {
    schema: {
      tags: TAGS,
      security: STAFF_SECURITY,
      summary: 'One customs document (PDF)',
      params: CustomsDocumentParamsSchema,
      response: {
        200: fileResponse('The document', ['application/pdf']),
        401: unauthorized,
        404: problemResponse('CONSIGNMENT_NOT_FOUND, or NOT_FOUND: no document of that name'),
        409: notAllocated,
        502: upstreamRejected,
        503: upstreamUnavailable
      }
    }
  }, async (request, reply) => {
    const file = await fastify.quotes.customsDocument(request.params.reference, request.params.name)
    return reply.type(file.contentType).header('content-disposition', attachment(file.fileName)).send(file.data)
  })
}

export default documentRoutes
