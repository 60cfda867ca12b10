import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { AdminOrderPageSchema, AdminOrderParamsSchema, AdminOrdersQuerySchema, RetriedOrderSchema, staffSecurity } from '../../schemas/admin.js'
import { problemResponse } from '../../schemas/problem.js'

const orderRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/admin/orders', {
    schema: {
      tags: ['operations'],
      summary: 'Orders, most recently updated first, optionally of one status',
      description: 'Pages of at most `limit` orders; pass the answer\'s `nextCursor` as `cursor` for the next page (absent on the last page).',
      security: staffSecurity,
      querystring: AdminOrdersQuerySchema,
      response: {
        200: AdminOrderPageSchema,
        400: problemResponse('Unknown status, limit out of range or a cursor this service did not hand out'),
        401: problemResponse('Missing or invalid staff key')
      }
    }
  }, async (request) => fastify.admin.listOrders(request.query))

  fastify.post('/admin/orders/:id/retry', {
    schema: {
      tags: ['operations'],
      summary: 'Re-drive an order that needs attention',
      description: 'Queues a new fulfilment job that resumes the order where it stopped (nothing done in PRO is done again) and adds `retry_requested` to its timeline. Answers the order as it stands; follow its status with `GET /admin/orders`.',
      security: staffSecurity,
      params: AdminOrderParamsSchema,
      response: {
        202: RetriedOrderSchema,
        400: problemResponse('The id is not a UUID'),
        401: problemResponse('Missing or invalid staff key'),
        404: problemResponse('No such order'),
        409: problemResponse('CONFLICT: the order does not need attention, or a fulfilment job for it is already queued')
      }
    }
  }, async (request, reply) => {
    const order = await fastify.admin.retryOrder(request.params.id, request.staffKeyId)
    return reply.code(202).send(order)
  })
}

export default orderRoutes
