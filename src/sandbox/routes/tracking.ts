import type { FastifyInstance } from 'fastify'
import { formatUtc } from '../calendar.js'
import { findService } from '../catalogue.js'
import type { ReferenceParams, RouteDeps } from './deps.js'

/** PRO-API.md §7.8: the events the simulator recorded (allocated, manifested, cancelled), per package. */
export function registerTrackingRoutes (app: FastifyInstance, { context, pro }: RouteDeps): void {
  app.get<ReferenceParams>('/tracking/:reference', pro('tracking'), async request => {
    const consignment = context.state.consignment(request.params.reference)
    const service = consignment.allocation === null ? undefined : findService(consignment.allocation.serviceReference)
    const events = consignment.events.map(event => ({
      TimeStamp: formatUtc(event.at),
      Code: event.code,
      Description: event.description,
      SignedBy: null,
      Location: event.location
    }))
    return {
      ConsignmentReferenceForAllLegsAssignedByMpd: consignment.reference,
      TrackedPackages: consignment.shipment.packages.map(pkg => ({
        PackageReferenceForAllLegsAssignedByMpd: pkg.reference,
        Legs: [{ CarrierServiceName: service?.name ?? null, Events: events }]
      }))
    }
  })
}
