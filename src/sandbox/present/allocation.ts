import { formatUkDate } from '../calendar.js'
import { carrierOf, findService } from '../catalogue.js'
import type { Consignment } from '../model.js'
import { link } from './common.js'
import { consignmentLegs } from './consignments.js'

/** PRO's Allocation Summary for an allocated consignment (allocation-summary.response.json). */
export function allocationSummary (consignment: Consignment, collectionTime: Date, href: (path: string) => string): Record<string, unknown> {
  const { reference, allocation } = consignment
  const service = allocation === null ? undefined : findService(allocation.serviceReference)
  const carrier = service === undefined ? undefined : carrierOf(service)
  const serviceName = service?.name ?? ''
  const carrierName = carrier?.name ?? ''
  const bookedWith = serviceName.startsWith(carrierName) ? serviceName : `${carrierName} ${serviceName}`
  const shipping = `${formatUkDate(collectionTime.toISOString().slice(0, 10))} ${collectionTime.toISOString().slice(11, 19)} +00:00`
  return {
    StatusCode: 200,
    ApiLinks: [link('detail', href(`/consignments/${reference}`)), link('label', href(`/labels/${reference}`))],
    Description: `Consignment ${reference} has been successfully allocated with ${bookedWith} for shipping on ${shipping}`,
    ConsignmentLegs: consignmentLegs(consignment),
    CarrierReference: carrier?.reference ?? null,
    CarrierName: carrier?.name ?? null,
    CarrierServiceReference: allocation?.serviceReference ?? null,
    CarrierServiceName: service?.name ?? null
  }
}

/** A consignment the call could not allocate: the summary's shape, a failing StatusCode and nothing allocated. */
export function failedAllocationSummary (consignment: Consignment, reason: string, href: (path: string) => string): Record<string, unknown> {
  return {
    StatusCode: 400,
    ApiLinks: [link('detail', href(`/consignments/${consignment.reference}`))],
    Description: `Consignment ${consignment.reference} could not be allocated: ${reason}`,
    ConsignmentLegs: null,
    CarrierReference: null,
    CarrierName: null,
    CarrierServiceReference: null,
    CarrierServiceName: null
  }
}
