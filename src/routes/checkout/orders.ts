import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { BearerHeadersSchema, OrderParamsSchema, OrderViewSchema } from '../../schemas/checkout-orders.js'
import { problemResponse } from '../../schemas/problem.js'
import { bearerToken, etagMatches } from '../../services/checkout/order-status.js'

const HEARTBEAT_MS = 15_000

const orderRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  // Open event streams end when the service shuts down, so close() does not wait on them.
  const closing = new AbortController()
  fastify.addHook('preClose', async () => closing.abort())

  fastify.get('/checkout/orders/:orderId', {
    schema: {
      tags: ['checkout'],
      summary: "The order's status, timeline and consignments",
      description: 'Needs `Authorization: Bearer <orderToken>` from `/checkout/confirm`. An unknown order and a wrong or missing token both answer 404. Send `If-None-Match` with the last `ETag` to poll cheaply (304 when unchanged).',
      params: OrderParamsSchema,
      headers: BearerHeadersSchema,
      response: {
        200: OrderViewSchema,
        304: Type.Null({ description: 'unchanged since the ETag given in If-None-Match' }),
        404: problemResponse('No such order, or not readable with this token')
      }
    }
  }, async (request, reply) => {
    const { view, etag } = await fastify.checkoutOrders.read(request.params.orderId, bearerToken(request.headers.authorization))
    reply.header('etag', etag).header('cache-control', 'private, no-cache')
    if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send(null)
    return view
  })

  fastify.get('/checkout/orders/:orderId/events', {
    schema: {
      tags: ['checkout'],
      summary: "Server-Sent Events: one `status` event per change of the order's status",
      description: 'Same token as the order. Each event carries `{ status, at, detail? }` with the timeline id as the SSE id; reconnect with `Last-Event-ID` to resume. The stream ends after a final status.',
      params: OrderParamsSchema,
      headers: Type.Object({
        authorization: Type.Optional(Type.String()),
        'last-event-id': Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' }))
      }),
      response: {
        200: { description: 'text/event-stream', content: { 'text/event-stream': { schema: Type.String() } } },
        404: problemResponse('No such order, or not readable with this token')
      }
    }
  }, async (request, reply) => {
    const signal = AbortSignal.any([closing.signal, abortedWith(reply.raw)])
    const afterId = Number(request.headers['last-event-id'] ?? 0)
    const events = await fastify.checkoutOrders.follow(request.params.orderId, bearerToken(request.headers.authorization), afterId, signal)
    reply.hijack()
    const raw = reply.raw
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      connection: 'keep-alive'
    })
    const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS)
    try {
      for await (const event of events) {
        const data = { status: event.status, at: event.createdAt.toISOString(), ...(typeof event.detail?.reason === 'string' && { detail: event.detail.reason }) }
        raw.write(`id: ${event.id}\nevent: status\ndata: ${JSON.stringify(data)}\n\n`)
      }
    } catch (err) {
      request.log.error({ err }, 'order event stream failed')
    } finally {
      clearInterval(heartbeat)
      raw.end()
    }
  })
}

function abortedWith (stream: NodeJS.EventEmitter): AbortSignal {
  const controller = new AbortController()
  stream.once('close', () => controller.abort())
  return controller.signal
}

export default orderRoutes
