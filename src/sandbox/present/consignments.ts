import { formatUtc, londonOffsetOn, midnight } from '../calendar.js'
import { carrierOf, findService, findServiceGroup } from '../catalogue.js'
import { profileOf, totalWeightKg } from '../eligibility.js'
import type { Consignment } from '../model.js'
import { addressOfType, shippingLocationReferenceOf } from '../normalise-address.js'
import { link, presentMoney, presentPackage, presentPrice, presentWeight } from './common.js'

function serviceOf (consignment: Consignment) {
  const service = consignment.allocation === null ? undefined : findService(consignment.allocation.serviceReference)
  return { service, carrier: service === undefined ? undefined : carrierOf(service) }
}

function consignmentValue (consignment: Consignment) {
  const { packages } = consignment.shipment
  return presentMoney(packages.reduce((sum, pkg) => sum + pkg.value, 0), packages[0]?.currency ?? 'GBP')
}

function deliveryBounds (consignment: Consignment): { earliest: string | null, latest: string | null } {
  const { allocation } = consignment
  const { service } = serviceOf(consignment)
  if (allocation === null || service === undefined) return { earliest: null, latest: null }
  return {
    earliest: `${allocation.estimatedDeliveryDate}T${service.window.start}${londonOffsetOn(allocation.estimatedDeliveryDate)}`,
    latest: `${allocation.estimatedDeliveryDate}T${service.window.end}${londonOffsetOn(allocation.estimatedDeliveryDate)}`
  }
}

/** The legs of an allocated consignment: one leg, carrying every package's tracking number. */
export function consignmentLegs (consignment: Consignment): Array<Record<string, unknown>> | null {
  const { service, carrier } = serviceOf(consignment)
  if (consignment.allocation === null || service === undefined) return null
  return [{ Leg: 1, TrackingReferences: consignment.allocation.trackingNumbers, CarrierReference: carrier?.reference, CarrierServiceReference: null, CarrierName: carrier?.name }]
}

/** `GET /consignments/{ref}` in the shape of get-consignment.response.json. */
export function presentConsignment (consignment: Consignment, customerGuid: string): Record<string, unknown> {
  const { shipment, allocation, failedAllocation } = consignment
  const { service, carrier } = serviceOf(consignment)
  const bounds = deliveryBounds(consignment)
  const group = allocation?.groupReference == null ? undefined : findServiceGroup(allocation.groupReference)
  const requested = shipment.requestedDeliveryDate
  return {
    ConsignmentLegs: consignmentLegs(consignment),
    CollectionDate: allocation === null ? null : midnight(allocation.collectionDate),
    DateDelivered: null,
    FirstAttemptedDeliveryDate: null,
    DateReturned: null,
    DateShipped: null,
    DateCollected: null,
    AttemptedDeliveryDate: null,
    MetaData: shipment.metaData,
    Allocation: allocation === null
      ? null
      : {
          CarrierServiceGroupReference: allocation.groupReference,
          MpdCarrierServiceGroupName: group?.name ?? null,
          MpdCarrierServiceReference: allocation.serviceReference,
          MpdCarrierServiceName: service?.name ?? null,
          CarrierReference: carrier?.reference ?? null,
          CarrierName: carrier?.name ?? null,
          AllocationDate: formatUtc(allocation.allocatedAt),
          Price: presentPrice(allocation.price, 'TaxRate')
        },
    FailedAllocation: failedAllocation === null
      ? null
      : {
          AttemptedAllocationDate: formatUtc(failedAllocation.attemptedAt),
          Message: failedAllocation.message,
          MpdCarrierServiceReference: failedAllocation.serviceReference,
          MpdCarrierServiceGroupReference: failedAllocation.groupReference
        },
    Source: shipment.source,
    LabelCount: allocation === null ? 0 : shipment.packages.length,
    LabelsPrinted: consignment.labelsPrinted,
    DateLabelsWereFirstPrinted: consignment.labelsFirstPrintedAt === null ? null : formatUtc(consignment.labelsFirstPrintedAt),
    IsLate: false,
    LateForCustomer: false,
    CustomerReference: customerGuid,
    Weight: presentWeight(totalWeightKg(shipment)),
    Value: consignmentValue(consignment),
    CustomsDocumentation: shipment.customs,
    Direction: shipment.direction,
    Tags: shipment.tags,
    Reference: consignment.reference,
    OrderReference: consignment.orderReference,
    ConsignmentState: consignment.state,
    DateCreated: formatUtc(consignment.createdAt),
    ShippingDate: shipment.shippingDate === null ? null : midnight(shipment.shippingDate),
    RequestedDeliveryDate: requested === null ? null : { Date: midnight(requested.date), IsToBeExactlyOnTheDateSpecified: requested.exact },
    EarliestDeliveryDate: bounds.earliest,
    LatestDeliveryDate: bounds.latest,
    ConsignmentReferenceProvidedByCustomer: shipment.customerReference ?? '',
    Addresses: shipment.addresses,
    Packages: shipment.packages.map((pkg, index) => {
      const trackingNumber = allocation?.trackingNumbers[index]
      return presentPackage(pkg, trackingNumber === undefined ? [] : [{ Leg: 1, TrackingReferences: [trackingNumber], CarrierReference: carrier?.reference, CarrierName: carrier?.name }])
    })
  }
}

/** One row of `GET /consignments/{take}/{skip}`, as in search-consignments.response.json. */
export function presentSummary (consignment: Consignment, href: (path: string) => string): Record<string, unknown> {
  const { shipment, allocation, failedAllocation } = consignment
  const { service, carrier } = serviceOf(consignment)
  const destination = addressOfType(shipment.addresses, 'Destination')
  const group = allocation?.groupReference == null ? undefined : findServiceGroup(allocation.groupReference)
  const requested = shipment.requestedDeliveryDate
  return {
    Source: shipment.source,
    MpdCarrierServiceName: service?.name ?? null,
    MpdCarrierServiceGroupName: group?.name ?? null,
    MpdCarrierServiceGroupReference: allocation?.groupReference ?? '',
    DestinationAddressLine1: destination?.AddressLine1 ?? null,
    DestinationAddressTown: destination?.Town ?? null,
    DestinationAddressPostcode: destination?.Postcode ?? null,
    DestinationAddressCountry: profileOf(shipment).destinationCountry,
    DestinationShippingLocationReference: destination?.ShippingLocationReference ?? null,
    RequestedDeliveryDate: requested === null ? null : midnight(requested.date),
    RequestedDeliveryDateIsToBeExactlyOnTheDateSpecified: requested?.exact ?? false,
    LabelsPrinted: consignment.labelsPrinted,
    DateLabelsWereFirstPrinted: consignment.labelsFirstPrintedAt === null ? null : formatUtc(consignment.labelsFirstPrintedAt),
    EstimatedDeliveryDate: allocation === null ? null : midnight(allocation.estimatedDeliveryDate),
    ShippingTerms: null,
    FailedAllocationAttemptedAllocationDate: failedAllocation === null ? null : formatUtc(failedAllocation.attemptedAt),
    FailedAllocationMessage: failedAllocation?.message ?? null,
    FailedAllocationMpdCarrierServiceReference: failedAllocation?.serviceReference ?? null,
    FailedAllocationMpdCarrierServiceGroupName: null,
    FailedAllocationMpdCarrierServiceGroupReference: failedAllocation?.groupReference ?? null,
    FailedAllocationMpdCarrierServiceName: null,
    IsLate: false,
    DeliveryDate: deliveryBounds(consignment).latest,
    CollectionDate: allocation === null ? null : midnight(allocation.collectionDate),
    AttemptedDeliveryDate: null,
    Value: consignmentValue(consignment),
    Weight: presentWeight(totalWeightKg(shipment)),
    ApiLink: link('detail', href(`/consignments/${consignment.reference}`)),
    FailedManifestMessage: null,
    FailedManifestTimeStamp: null,
    Reference: consignment.reference,
    ConsignmentReferenceProvidedByCustomer: shipment.customerReference ?? '',
    DateCreated: formatUtc(consignment.createdAt),
    State: consignment.state,
    ShippingDate: shipment.shippingDate === null ? null : midnight(shipment.shippingDate),
    MpdCarrierReference: carrier?.reference ?? null,
    MpdCarrierServiceReference: allocation?.serviceReference ?? null,
    AllocationDate: allocation === null ? null : formatUtc(allocation.allocatedAt),
    ShippedDate: null,
    OrderReference: consignment.orderReference,
    ShippingLocationReference: shippingLocationReferenceOf(shipment.addresses),
    Direction: shipment.direction
  }
}
