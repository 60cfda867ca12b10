import type { FastifyInstance } from 'fastify'
import { setOrderAddress } from '../domain/order-address.js'
import { packOrder } from '../domain/packing.js'
import { normaliseAddress } from '../normalise-address.js'
import { presentOrder } from '../present/orders.js'
import { OrderAddressBodySchema, PackBodySchema } from '../schemas.js'
import { compile, parseBody } from '../validation.js'
import type { ReferenceParams, RouteDeps } from './deps.js'

const checkPack = compile(PackBodySchema)
const checkAddress = compile(OrderAddressBodySchema)

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

  for (const [method, mode] of [['POST', 'add'], ['PUT', 'replace']] as const) {
    app.route<ReferenceParams>({
      method,
      url: '/orders/:reference/address',
      ...pro('orderAddress'),
      handler: async (request, reply) => {
        const order = context.state.order(request.params.reference)
        setOrderAddress(order, normaliseAddress(parseBody(checkAddress, request.body), 'Address'), mode)
        return reply.code(200).send()
      }
    })
  }
}
