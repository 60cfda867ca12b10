import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'

/** The OpenAPI document is built from the route schemas; `/openapi.json` serves it, `/docs` shows it. */
export default fp(async function openApi (fastify) {
  await fastify.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Checkout BFF',
        version: '0.1.0',
        description: 'Delivery options, order confirmation and fulfilment status for storefronts and apps, and the staff Quotes flow, in front of the SortedPRO shipping API. Errors are application/problem+json with a stable `code`.'
      },
      tags: [
        { name: 'checkout', description: 'Storefront and app checkout: delivery options, order confirmation, order status (public; orders are read with their order token)' },
        { name: 'contact-centre', description: 'Staff Quotes flow: create a consignment, compare carrier quotes, allocate with one, print its label. Needs a staff key (Authorization: Bearer <key from STAFF_API_KEYS>).' },
        { name: 'operations', description: 'Staff operations: manifest runs, orders needing attention and their retry, job queue depth and dead letters. Needs a staff key.' },
        { name: 'health', description: 'Liveness and readiness probes' }
      ],
      components: {
        securitySchemes: {
          staffKey: { type: 'http', scheme: 'bearer', description: 'A staff API key from STAFF_API_KEYS' }
        }
      }
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => typeof json.$id === 'string' ? json.$id : `def-${i}`
    }
  })

  await fastify.register(swaggerUi, { routePrefix: '/docs' })

  fastify.get('/openapi.json', { schema: { hide: true } }, async () => fastify.swagger())
}, { name: 'openapi' })
