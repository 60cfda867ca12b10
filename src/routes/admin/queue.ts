import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { QueueOverviewSchema, staffSecurity } from '../../schemas/admin.js'
import { problemResponse } from '../../schemas/problem.js'

const queueRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/admin/queue', {
    schema: {
      tags: ['operations'],
      summary: 'Queue depth per job and dead letters',
      description: 'Jobs per pg-boss state in each of the service queues (`fulfil-order`, `manifest`, `housekeeping`, …); the latest fulfilment jobs pg-boss gave up on; how many orders need attention (an order whose job runs out of attempts is flagged); staff consignments whose label job ran out of attempts; and spare PRO orders to cancel.',
      security: staffSecurity,
      response: {
        200: QueueOverviewSchema,
        401: problemResponse('Missing or invalid staff key')
      }
    }
  }, async () => fastify.admin.queueOverview())
}

export default queueRoute
