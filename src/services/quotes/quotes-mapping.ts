import type { Price } from '../../schemas/common.js'
import type { Allocation, QuotesView, StaffQuote } from '../../schemas/consignments.js'
import { calendarDate, instantWithOffset, mapPrice } from '../checkout/options-mapping.js'
import type { AllocationSummary } from '../pro/schemas/allocation.js'
import type { Quote, QuotesResponse } from '../pro/schemas/quotes.js'

/* Pure mapping of PRO's quotes and allocation summaries to the staff API, and of what we keep of a quote. */

/** What is kept of a quote handed out, so allocation can refuse an unknown or expired one locally. */
export interface StoredQuote {
  quoteReference: string
  serviceReference: string
  carrier: string
  service: string
  price: Price
  expiresAt: string | null
}

const displayText = (value: string | null | undefined) => (value ?? '').replace(/\s+/g, ' ').trim()

const instant = (value: string | null | undefined) => value == null ? null : instantWithOffset(value)?.text ?? null

function carrierOf (quote: Quote): string {
  const service = quote.Legs?.find((leg) => leg.CarrierService != null)?.CarrierService
  return displayText(service?.CarrierName) || displayText(service?.CarrierReference) || displayText(quote.CarrierReference)
}

/** Surcharges are undocumented beyond their list: a name and an amount when one can be read. */
function surchargeOf (value: unknown): StaffQuote['surcharges'][number] {
  const entry = (value ?? {}) as Record<string, unknown>
  const name = [entry.Name, entry.Description, entry.Type, entry.Reference].find((v) => typeof v === 'string' && v !== '') as string | undefined
  const amount = [entry.Amount, entry.Value, entry.Gross].find((v) => typeof v === 'number')
  return { name: displayText(name) || 'Surcharge', amount: typeof amount === 'number' ? amount.toFixed(2) : null }
}

export function mapQuote (quote: Quote): StaffQuote {
  const collection = quote.CollectionDate == null ? undefined : calendarDate(quote.CollectionDate)
  return {
    quoteReference: quote.QuoteReference,
    carrier: carrierOf(quote),
    service: displayText(quote.MpdCarrierService),
    serviceReference: quote.MpdCarrierServiceReference ?? '',
    collectionDate: collection ?? null,
    earliestDelivery: instant(quote.EarliestDeliveryDate),
    latestDelivery: instant(quote.LatestDeliveryDate),
    price: mapPrice(quote.Price),
    surcharges: (quote.Surcharges ?? []).map(surchargeOf),
    expiresAt: instant(quote.ExpiryDate)
  }
}

function byGross (a: StaffQuote, b: StaffQuote): number {
  return Number(a.price.gross) - Number(b.price.gross) || a.service.localeCompare(b.service) || a.quoteReference.localeCompare(b.quoteReference)
}

/** PRO's quotes cheapest (gross) first, and the services it could not quote with their reasons. */
export function mapQuotes (reference: string, response: QuotesResponse): QuotesView {
  return {
    reference,
    quoteRequestReference: response.QuoteRequestReference ?? null,
    quotes: response.Quotes.map(mapQuote).sort(byGross),
    unavailable: (response.UnqualifiedServices ?? []).map((service) => ({
      service: displayText(service.MpdCarrierService),
      serviceReference: service.MpdCarrierServiceReference ?? null,
      reason: displayText(service.ExclusionReason) || 'Not available'
    })),
    message: response.Message ?? null
  }
}

/** Quotes as stored in the consignment's details, keyed by lower-case reference (PRO compares them so). */
export function storedQuotes (quotes: readonly StaffQuote[]): Record<string, StoredQuote> {
  return Object.fromEntries(quotes.map((quote) => [quote.quoteReference.toLowerCase(), {
    quoteReference: quote.quoteReference,
    serviceReference: quote.serviceReference,
    carrier: quote.carrier,
    service: quote.service,
    price: quote.price,
    expiresAt: quote.expiresAt
  }]))
}

export function findStoredQuote (details: Record<string, unknown>, quoteReference: string): StoredQuote | undefined {
  const quotes = (details.quotes ?? {}) as Record<string, StoredQuote>
  return quotes[quoteReference.toLowerCase()]
}

/** The allocation PRO reports for one consignment, with the quote it was made with. */
export function mapAllocation (summary: AllocationSummary, quote: StoredQuote | undefined, allocatedAt: Date): Allocation {
  return {
    quoteReference: quote?.quoteReference ?? null,
    carrier: displayText(summary.CarrierName) || displayText(summary.CarrierReference) || quote?.carrier || null,
    service: displayText(summary.CarrierServiceName) || quote?.service || null,
    serviceReference: summary.CarrierServiceReference ?? quote?.serviceReference ?? null,
    trackingReferences: (summary.ConsignmentLegs ?? []).flatMap((leg) => leg.TrackingReferences ?? []),
    price: quote?.price ?? null,
    allocatedAt: allocatedAt.toISOString()
  }
}
