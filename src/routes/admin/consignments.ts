import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ConsignmentParamsSchema, LabelRetrySchema, staffSecurity } from '../../schemas/admin.js'
import { problemResponse } from '../../schemas/problem.js'

const consignmentRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/admin/consignments/:reference/label-retry', {
    schema: {
      tags: ['operations'],
      summary: 'Re-drive the label job of a staff consignment',
      description: 'For a staff consignment listed in `/admin/queue` `labelFailures`: queues its label job again (it fetches the label and customs documents; the next manifest run then takes the consignment).',
      security: staffSecurity,
      params: ConsignmentParamsSchema,
      response: {
        202: LabelRetrySchema,
        400: problemResponse('The reference is malformed'),
        401: problemResponse('Missing or invalid staff key'),
        409: problemResponse('CONFLICT: the consignment has no failed label job')
      }
    }
  }, async (request, reply) => {
    await fastify.admin.retryLabel(request.params.reference)
    return reply.code(202).send({ reference: request.params.reference.toUpperCase(), status: 'queued' })
  })
}

export default consignmentRoutes
