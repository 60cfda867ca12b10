import type { FastifyInstance } from 'fastify'
import { londonOffsetAt } from '../calendar.js'
import { deliveryOptions, pickupOptions } from '../domain/options.js'
import { selectOrders } from '../domain/orders.js'
import { notFound } from '../errors.js'
import { calendarDay, normaliseShipment } from '../normalise-shipment.js'
import { listOrNull } from '../present/common.js'
import { presentOption, presentOptionDetails, presentPickupLocation } from '../present/options.js'
import { DeliveryOptionsBodySchema, PickupOptionsBodySchema, SelectOrderBodySchema, type DeliveryOptionsBody } from '../schemas.js'
import { compile, parseBody } from '../validation.js'
import type { ReferenceParams, RouteDeps } from './deps.js'

const checkDeliveryOptions = compile(DeliveryOptionsBodySchema)
const checkPickupOptions = compile(PickupOptionsBodySchema)
const checkSelectOrder = compile(SelectOrderBodySchema)

/** PRO-API.md §7.1: delivery options, pickup options, option details and select-as-order. */
export function registerOptionRoutes (app: FastifyInstance, { context, pro }: RouteDeps): void {
  function search (body: DeliveryOptionsBody) {
    return {
      shipment: normaliseShipment(body, context.state.references),
      lastDeliveryDate: body.DeliveryDate == null ? null : calendarDay(body.DeliveryDate, 'DeliveryDate'),
      guaranteedOnly: body.GuaranteedOnly ?? false
    }
  }

  app.post('/deliveryoptions', pro('deliveryOptions'), async request => {
    const body = parseBody(checkDeliveryOptions, request.body)
    return { DeliveryOptions: listOrNull(deliveryOptions(context, search(body)).map(option => presentOption(option, 'TaxRate'))) }
  })

  app.post('/deliveryoptions/pickupoptions', pro('pickupOptions'), async request => {
    const body = parseBody(checkPickupOptions, request.body)
    const locations = pickupOptions(context, search(body), { value: body.Distance.Value, unit: body.Distance.Unit ?? undefined }, body.MaxResults)
    const utcOffset = londonOffsetAt(context.now())
    return {
      Distance: body.Distance.Value,
      MaxResults: body.MaxResults,
      Locations: listOrNull(locations.map(location => presentPickupLocation(location.shop, location.options, utcOffset))),
      NonGuaranteedLocation: null
    }
  })

  app.get<ReferenceParams>('/deliveryoptions/details/:reference', pro('optionDetails'), async request => {
    const option = context.state.options.get(request.params.reference.toUpperCase())
    const optionRequest = option === undefined ? undefined : context.state.optionRequests.get(option.requestReference)
    if (option === undefined || optionRequest === undefined) throw notFound('DeliveryOptionNotFound', `Delivery option ${request.params.reference} not found`)
    return presentOptionDetails(option, optionRequest, context.state.customerGuid)
  })

  app.post('/deliveryoptions/selectorder', pro('selectOrder'), async request => {
    const body = parseBody(checkSelectOrder, request.body)
    const results = selectOrders(context, body.DeliveryOptions)
    if (results.every(result => result.OrderReference === null)) context.withoutEffect.add(request)
    return { SelectOrderResults: results }
  })
}
