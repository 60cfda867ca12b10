import type { FastifyInstance } from 'fastify'
import { packOrder } from '../domain/packing.js'
import { presentOrder } from '../present/orders.js'
import { PackBodySchema } from '../schemas.js'
import { compile, parseBody } from '../validation.js'
import type { ReferenceParams, RouteDeps } from './deps.js'

const checkPack = compile(PackBodySchema)

/** PRO-API.md §7.2: read an order and pack it into a consignment. */
export function registerOrderRoutes (app: FastifyInstance, { context, pro }: RouteDeps): void {
  app.get<ReferenceParams>('/orders/:reference', pro('getOrder'), async request => {
    return presentOrder(context.state.order(request.params.reference))
  })

  app.post<ReferenceParams>('/orders/:reference/pack', pro('pack'), async request => {
    const order = context.state.order(request.params.reference)
    const body = parseBody(checkPack, request.body)
    return { Results: packOrder(context, order, body) }
  })
}
