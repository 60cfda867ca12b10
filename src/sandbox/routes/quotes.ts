import type { FastifyInstance } from 'fastify'
import { quotesFor } from '../domain/quotes.js'
import type { ReferenceParams, RouteDeps } from './deps.js'

/** PRO-API.md §7.4: quotes for an existing consignment. */
export function registerQuoteRoutes (app: FastifyInstance, { context, pro }: RouteDeps): void {
  app.get<ReferenceParams>('/quotes/consignment/:reference', pro('quotes'), async request => {
    return quotesFor(context, context.state.consignment(request.params.reference))
  })
}
