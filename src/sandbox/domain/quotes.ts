import { formatLondon, formatUtc } from '../calendar.js'
import { carrierOf, isTimed, SERVICES } from '../catalogue.js'
import type { SandboxContext } from '../context.js'
import type { Consignment, Quote } from '../model.js'
import { addressOfType } from '../normalise-address.js'
import { listOrNull, presentPrice } from '../present/common.js'
import { candidateFor } from './allocation.js'

/** How long a quote can be used to allocate (PRO-API.md §7.4: `ExpiryDate`). */
export const QUOTE_LIFETIME_MS = 30 * 60 * 1000

function presentQuote (quote: Quote, consignment: Consignment): Record<string, unknown> {
  const service = SERVICES.find(candidate => candidate.reference === quote.serviceReference)
  const carrier = service === undefined ? undefined : carrierOf(service)
  const price = presentPrice(quote.price, 'VatRate')
  return {
    MpdCarrierServiceSource: 2,
    MpdCarrierService: service?.name ?? null,
    OriginAddress: addressOfType(consignment.shipment.addresses, 'Origin') ?? null,
    DestinationAddress: addressOfType(consignment.shipment.addresses, 'Destination') ?? null,
    CollectionDate: `${quote.collectionDate}T00:00:00`,
    EarliestDeliveryDate: `${quote.deliveryDate}T${service?.window.start ?? '00:00:00'}`,
    LatestDeliveryDate: `${quote.deliveryDate}T${service?.window.end ?? '23:59:00'}`,
    BasePrice: price,
    Price: price,
    Surcharges: null,
    Legs: [{
      JourneyStage: 1,
      CarrierService: {
        Reference: quote.serviceReference.replace(/^MPD_/, ''),
        Name: service?.name ?? null,
        CarrierReference: carrier?.reference ?? null,
        CarrierName: carrier?.name ?? null,
        IsDropOff: false,
        IsPickUp: service?.scope === 'pickup',
        IsTimed: service === undefined ? false : isTimed(service)
      },
      CarrierAccountReference: `${carrier?.reference ?? 'CARRIER'}_ACC1`,
      DeliveryHub: null,
      CostItems: null,
      VolumetricParcelWeight: null,
      CollectionType: 'NotApplicable'
    }],
    CarrierAccountOwner: null,
    IsElectioService: false,
    QuoteReference: quote.reference,
    CreationDate: formatUtc(quote.createdAt),
    ExpiryDate: formatLondon(quote.expiresAt),
    Requestor: 'Sandbox API',
    ConsignmentReference: consignment.reference,
    ConsignmentReferenceProvidedByCustomer: consignment.shipment.customerReference ?? '',
    MpdCarrierServiceReference: quote.serviceReference
  }
}

/** `GET /quotes/consignment/{ref}`: one stored quote per service that can carry the consignment. */
export function quotesFor (context: SandboxContext, consignment: Consignment): Record<string, unknown> {
  const { references } = context.state
  const now = context.now()
  const requestReference = references.guid()
  const quotes: Quote[] = []
  const unqualified: Array<Record<string, unknown>> = []
  for (const service of SERVICES) {
    const candidate = candidateFor(context, consignment, service)
    if (typeof candidate === 'string') {
      unqualified.push({ Available: false, Rates: true, MpdCarrierService: service.name, MpdCarrierServiceReference: service.reference, CarrierReference: service.carrierReference, ExclusionReason: candidate })
      continue
    }
    const quote: Quote = {
      reference: references.guid(),
      requestReference,
      consignmentReference: consignment.reference,
      serviceReference: service.reference,
      price: candidate.price,
      createdAt: now,
      expiresAt: new Date(now.getTime() + QUOTE_LIFETIME_MS),
      collectionDate: candidate.collection.date,
      deliveryDate: candidate.collection.deliveryDate
    }
    context.state.quotes.set(quote.reference, quote)
    quotes.push(quote)
  }
  quotes.sort((a, b) => a.price.gross - b.price.gross)
  return {
    QuoteRequestReference: requestReference,
    Quotes: listOrNull(quotes.map(quote => presentQuote(quote, consignment))),
    Message: quotes.length === 0 ? 'No carrier service can deliver this consignment.' : null,
    UnqualifiedServices: listOrNull(unqualified)
  }
}
