import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ConfirmHeadersSchema, ConfirmRequestSchema, ConfirmResponseSchema } from '../../schemas/checkout-orders.js'
import { problemResponse } from '../../schemas/problem.js'

const confirmRoute: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post('/checkout/confirm', {
    schema: {
      tags: ['checkout'],
      summary: 'Turn the chosen option into an order',
      description: [
        'Creates the order in PRO from an option handed out by `/checkout/options` and queues its fulfilment.',
        'Send a fresh `Idempotency-Key` per checkout attempt and reuse it on retries: the same key and body',
        'replay the first answer (header `Idempotent-Replayed: true`) without creating a second order; the same',
        'key with another body is 422 `IDEMPOTENCY_KEY_REUSED`; while the first is still running, 409',
        '`IDEMPOTENCY_IN_PROGRESS`. An option past its cut-off is 409 `OPTION_EXPIRED`, with `alternative`',
        '(an option of the same day and type) when one exists. An option already used for another order is',
        're-quoted and the equivalent fresh option (same day, window, type and pickup point, price not higher)',
        'is ordered instead; without one, 409 `OPTION_ALREADY_USED`, with `alternative` when one exists.',
        '`items`, if sent, must be the basket the option was quoted for (in any order), else 409 `BASKET_CHANGED`.',
        'Keep `orderToken`: it is the only way to read the order.'
      ].join(' '),
      headers: ConfirmHeadersSchema,
      body: ConfirmRequestSchema,
      response: {
        201: ConfirmResponseSchema,
        400: problemResponse('Invalid body or missing Idempotency-Key'),
        404: problemResponse('OPTION_NOT_FOUND: the option was not offered by this service'),
        409: problemResponse('OPTION_EXPIRED, OPTION_ALREADY_USED, BASKET_CHANGED or IDEMPOTENCY_IN_PROGRESS'),
        422: problemResponse('IDEMPOTENCY_KEY_REUSED'),
        502: problemResponse('PRO rejected the order'),
        503: problemResponse('PRO unavailable; retry with the same Idempotency-Key after Retry-After')
      }
    }
  }, async (request, reply) => {
    const outcome = await fastify.checkoutOrders.confirm(request.headers['idempotency-key'], request.body)
    if (outcome.replayed) reply.header('idempotent-replayed', 'true')
    return reply.code(outcome.status).header('cache-control', 'no-store').send(outcome.body)
  })
}

export default confirmRoute
