import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { OptionsRequestSchema, OptionsResponseSchema } from '../../schemas/checkout-options.js'
import { problemResponse } from '../../schemas/problem.js'

const checkoutOptionsRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/checkout/options', {
    schema: {
      tags: ['checkout'],
      summary: 'Delivery and pickup options for a basket',
      description: 'Quotes the whole basket as one consignment from one warehouse (the items\' shipping location when they all ' +
        'name the same one, else the default) and answers dated options with window, carrier, service and price, a calendar ' +
        '(`days`, cheapest first) and, when `include` has `pickup`, pickup points with opening hours. Option ids are PRO ' +
        'option references: send the chosen one to `POST /checkout/confirm` before its `cutOff`. No options is a 200 with ' +
        'empty lists and a `reason`. Identical requests are answered from a short-lived cache.',
      body: OptionsRequestSchema,
      response: {
        200: OptionsResponseSchema,
        400: problemResponse('The request is not valid; `errors` names each bad field'),
        502: problemResponse('The shipping platform rejected the request or answered with something unusable'),
        503: problemResponse('The shipping platform is unavailable or too slow; retry after `Retry-After` seconds')
      }
    }
  }, async (request, reply) => {
    // Options are personal (address) and short-lived: no shared or browser caching.
    reply.header('cache-control', 'no-store')
    return await fastify.checkoutOptions.getOptions(request.body)
  })
}

export default checkoutOptionsRoutes
