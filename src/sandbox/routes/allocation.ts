import type { FastifyInstance } from 'fastify'
import { findService, findServiceGroup, SERVICES } from '../catalogue.js'
import { allocatableConsignments, allocateTo, allocationAnswer, candidateFor, cheapestCandidate, failAllocation, type AllocationOutcome } from '../domain/allocation.js'
import { invalidField, notFound, ProError } from '../errors.js'
import type { Consignment } from '../model.js'
import { CarrierServiceBodySchema, ConsignmentReferencesBodySchema } from '../schemas.js'
import { compile, parseBody } from '../validation.js'
import type { RouteDeps } from './deps.js'

const checkReferences = compile(ConsignmentReferencesBodySchema)
const checkCarrierService = compile(CarrierServiceBodySchema)
const NO_SERVICE = 'No carrier service can deliver this consignment.'

/** PRO-API.md §7.5: the four allocation calls the BFF uses; all count as the `allocate` operation. */
export function registerAllocationRoutes (app: FastifyInstance, { context, pro }: RouteDeps): void {
  const hooks = pro('allocate')

  function allocateCheapest (consignment: Consignment, services = SERVICES, groupReference: string | null = null): AllocationOutcome {
    const candidate = cheapestCandidate(context, consignment, services)
    if (candidate === null) {
      failAllocation(context, consignment, NO_SERVICE, null, groupReference)
      return { consignment, candidate, failure: NO_SERVICE }
    }
    return allocateTo(context, consignment, candidate, groupReference)
  }

  app.put('/allocation/allocate', hooks, async request => {
    const body = parseBody(checkReferences, request.body)
    const consignments = allocatableConsignments(context, body.ConsignmentReferences)
    return allocationAnswer(context, consignments.map(consignment => allocateCheapest(consignment)))
  })

  app.put<{ Params: { reference: string, group: string } }>('/allocation/:reference/allocatewithservicegroup/:group', hooks, async request => {
    const [consignment] = allocatableConsignments(context, [request.params.reference])
    const group = findServiceGroup(request.params.group)
    if (group === undefined) throw notFound('ServiceGroupNotFound', `Carrier service group ${request.params.group} not found`)
    const services = SERVICES.filter(service => group.serviceReferences.includes(service.reference))
    return allocationAnswer(context, [allocateCheapest(consignment, services, group.reference)])
  })

  app.put('/allocation/allocatewithcarrierservice', hooks, async request => {
    const body = parseBody(checkCarrierService, request.body)
    const consignments = allocatableConsignments(context, body.ConsignmentReferences)
    const service = findService(body.MpdCarrierServiceReference)
    return allocationAnswer(context, consignments.map(consignment => {
      const candidate = service === undefined ? `Carrier service ${body.MpdCarrierServiceReference} does not exist.` : candidateFor(context, consignment, service)
      if (typeof candidate === 'string') {
        failAllocation(context, consignment, candidate, body.MpdCarrierServiceReference, null)
        return { consignment, candidate: null, failure: candidate }
      }
      return allocateTo(context, consignment, candidate, null)
    }))
  })

  app.put<{ Params: { reference: string, quote: string } }>('/allocation/:reference/allocatewithquote/:quote', hooks, async request => {
    const [consignment] = allocatableConsignments(context, [request.params.reference])
    const quote = context.state.quotes.get(request.params.quote.toLowerCase())
    if (quote === undefined) throw notFound('QuoteNotFound', `Quote ${request.params.quote} not found`)
    if (quote.consignmentReference !== consignment.reference) {
      throw invalidField('QuoteConsignmentMismatch', 'quoteReference', `Quote ${quote.reference} was not made for consignment ${consignment.reference}.`)
    }
    if (context.now().getTime() > quote.expiresAt.getTime()) {
      throw new ProError(400, 'QuoteExpired', `Quote ${quote.reference} expired at ${quote.expiresAt.toISOString()}.`, [{ Code: 'QuoteExpired', Target: 'quoteReference', Message: 'The quote has expired; request new quotes.' }])
    }
    const service = findService(quote.serviceReference)
    const candidate = service === undefined ? NO_SERVICE : candidateFor(context, consignment, service)
    if (typeof candidate === 'string') {
      failAllocation(context, consignment, candidate, quote.serviceReference, null)
      return allocationAnswer(context, [{ consignment, candidate: null, failure: candidate }])
    }
    return allocationAnswer(context, [allocateTo(context, consignment, { ...candidate, price: quote.price }, null)])
  })
}
