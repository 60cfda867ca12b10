import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { QueueOverviewSchema, staffSecurity } from '../../schemas/admin.js'
import { problemResponse } from '../../schemas/problem.js'
import { queueOverview } from '../../services/admin/queue.js'

const queueRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get('/admin/queue', {
    schema: {
      tags: ['operations'],
      summary: 'Queue depth per job and dead letters',
      description: 'Jobs per pg-boss state in each of the service queues (`fulfil-order`, `manifest`, `housekeeping`, …); the latest fulfilment jobs pg-boss gave up on; and how many orders need attention (an order that runs out of attempts is flagged, and its job ends).',
      security: staffSecurity,
      response: {
        200: QueueOverviewSchema,
        401: problemResponse('Missing or invalid staff key')
      }
    }
  }, async () => queueOverview(fastify.db.pool))
}

export default queueRoute
