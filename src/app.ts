import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Config } from './config.js'
import type { Database } from './services/store/database.js'
import corsPolicy from './plugins/external/cors.js'
import openApi from './plugins/external/swagger.js'
import problemHandler from './plugins/app/problem-handler.js'
import database from './plugins/app/db.js'
import pro from './plugins/app/pro.js'
import checkoutOptions from './plugins/app/checkout-options.js'
import jobs from './plugins/app/jobs.js'
import checkoutOrders from './plugins/app/checkout-orders.js'
import fulfilment from './plugins/app/fulfilment.js'
import staffAuth from './plugins/app/staff-auth.js'
import quotes from './plugins/app/quotes.js'
import adminServices from './plugins/app/admin.js'
import healthRoutes from './routes/health/index.js'
import checkoutRoutes from './routes/checkout/index.js'
import manifestRoutes from './routes/manifests/index.js'
import adminRoutes from './routes/admin/index.js'
import contactCentreRoutes from './routes/consignments/index.js'

declare module 'fastify' {
  interface FastifyInstance {
    config: Config
  }
}

export interface AppOptions {
  config: Config
  /** See the db plugin: a database the process entry began opening before the service loaded. */
  opening?: Promise<Database>
}

/** The whole service as one plugin: external plugins, then app plugins, then routes. */
async function app (fastify: FastifyInstance, { config, opening }: AppOptions): Promise<void> {
  fastify.decorate('config', config)

  await fastify.register(problemHandler)
  await fastify.register(corsPolicy, { config })
  await fastify.register(openApi)

  // PRO first: building the in-process simulator needs no database, so it happens while an embedded
  // server is still initialising in its own process.
  await fastify.register(pro, { config })
  await fastify.register(database, { config, opening })
  await fastify.register(jobs, { config })
  await fastify.register(checkoutOptions, { config })
  await fastify.register(checkoutOrders, { config })
  await fastify.register(fulfilment, { config })
  await fastify.register(staffAuth, { config })
  await fastify.register(quotes, { config })
  await fastify.register(adminServices)

  await fastify.register(healthRoutes)
  await fastify.register(checkoutRoutes, { config })
  await fastify.register(manifestRoutes)
  await fastify.register(adminRoutes)
  await fastify.register(contactCentreRoutes)
}

export default fp(app, { name: 'checkout-bff' })
