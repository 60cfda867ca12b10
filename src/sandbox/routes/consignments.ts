import type { FastifyInstance } from 'fastify'
import { cancel, cancelRefusal, deallocate, deallocateRefusal } from '../domain/cancelling.js'
import { createConsignment } from '../domain/consignments.js'
import { searchConsignments } from '../domain/search.js'
import { badState, invalidField } from '../errors.js'
import { normaliseShipment } from '../normalise-shipment.js'
import { bulkResult, link } from '../present/common.js'
import { presentConsignment } from '../present/consignments.js'
import { ConsignmentBodySchema, ReferenceListBodySchema } from '../schemas.js'
import { compile, parseBody } from '../validation.js'
import type { ReferenceParams, RouteDeps } from './deps.js'

const checkConsignment = compile(ConsignmentBodySchema)
const checkReferenceList = compile(ReferenceListBodySchema)
type SearchQuery = { Querystring: Record<string, string | string[] | undefined> }

function pageNumber (value: string, name: string): number {
  if (!/^\d{1,6}$/.test(value)) throw invalidField('ValidationFailed', name, `${name} must be a whole number.`)
  return Number(value)
}

/** PRO-API.md §7.3 and §7.8: create, read, search, deallocate and cancel consignments. */
export function registerConsignmentRoutes (app: FastifyInstance, { context, pro }: RouteDeps): void {
  app.post('/consignments', pro('createConsignment'), async request => {
    const body = parseBody(checkConsignment, request.body)
    const consignment = createConsignment(context, normaliseShipment(body, context.state.references), null)
    return [link('Link', context.href(`/consignments/${consignment.reference}`))]
  })

  app.get<SearchQuery>('/consignments/getConsignmentReferences', pro('searchConsignments'), async request => {
    return searchConsignments(context, request.query).map(found => found.consignment.reference)
  })

  app.get<SearchQuery & { Params: { take: string, skip: string } }>('/consignments/:take/:skip', pro('searchConsignments'), async request => {
    const take = pageNumber(request.params.take, 'take')
    const skip = pageNumber(request.params.skip, 'skip')
    const found = searchConsignments(context, request.query)
    return { Count: found.length, ConsignmentSummaries: found.slice(skip, skip + take).map(entry => entry.summary) }
  })

  app.get<ReferenceParams>('/consignments/:reference', pro('getConsignment'), async request => {
    return presentConsignment(context.state.consignment(request.params.reference), context.state.customerGuid)
  })

  app.put<ReferenceParams>('/consignments/:reference/cancel', pro('cancel'), async (request, reply) => {
    const consignment = context.state.consignment(request.params.reference)
    const refusal = cancelRefusal(consignment)
    if (refusal !== null) throw badState(refusal)
    cancel(context, consignment)
    return await reply.code(200).send()
  })

  app.put<ReferenceParams>('/consignments/:reference/deallocate', pro('deallocate'), async (request, reply) => {
    const consignment = context.state.consignment(request.params.reference)
    const refusal = deallocateRefusal(consignment)
    if (refusal !== null) throw badState(refusal)
    deallocate(context, consignment)
    return await reply.code(200).send()
  })

  app.put('/consignments/cancellist', pro('cancel'), async request => {
    const references = parseBody(checkReferenceList, request.body)
    return references.map(reference => {
      const consignment = context.state.consignments.get(reference.toUpperCase())
      if (consignment === undefined) return bulkResult(false, `Consignment ${reference} not found`, reference, null)
      const refusal = cancelRefusal(consignment)
      if (refusal !== null) return bulkResult(false, refusal, consignment.reference, null)
      cancel(context, consignment)
      return bulkResult(true, 'Consignment cancellation completed successfully', consignment.reference, null)
    })
  })
}
