import type { BulkOperationResult } from './schemas/common.js'
import type {
  DeliveryOptionsRequest, DeliveryOptionsResponse, OptionDetailsResponse, PickupOptionsRequest,
  PickupOptionsResponse, SelectOrderRequest, SelectOrderResponse
} from './schemas/options.js'
import type { Order, PackOrderRequest } from './schemas/orders.js'
import type { ConsignmentQuery, CreateConsignmentRequest } from './schemas/consignments.js'
import type { AddressInput } from './schemas/shipment.js'
import type { QuotesResponse } from './schemas/quotes.js'
import { LABEL_CONTENT_TYPES, type LabelFormat } from './schemas/documents.js'
import type { ManifestFromQueryRequest, ManifestFromQueryResponse } from './schemas/manifest.js'
import type { TrackingResponse } from './schemas/tracking.js'
import { createProTransport, type ProRequest, type ProTransport, type ProTransportOptions } from './transport.js'
import { narrower, type SendBound } from './deadline.js'
import {
  parseJson, readers, type AllocationResult, type ConsignmentSearchResult, type CreatedConsignment,
  type CustomsDocument, type LabelFile, type NormalisedConsignment, type PackedOrder, type Reader
} from './readers.js'

export type ProClientOptions = ProTransportOptions

/** What bounds every call of a view (see `within`); `deadline` is read (clock ms) as each call starts. */
export interface ProCallBound {
  deadline: () => number
  signal?: AbortSignal
}

/** One method per PRO operation the BFF uses. Every failure is a ProError (see errors.ts). */
export interface ProClient {
  deliveryOptions (body: DeliveryOptionsRequest): Promise<DeliveryOptionsResponse>
  pickupOptions (body: PickupOptionsRequest): Promise<PickupOptionsResponse>
  optionDetails (deliveryOptionReference: string): Promise<OptionDetailsResponse>
  /** Creates orders; check `Status` of each result. Not retried unless PRO certainly did not see it. */
  selectOrder (body: SelectOrderRequest): Promise<SelectOrderResponse>
  getOrder (orderReference: string): Promise<Order>
  /** One consignment per call (two with `GenerateReturn`). */
  packOrder (orderReference: string, body: PackOrderRequest): Promise<PackedOrder>
  createConsignment (body: CreateConsignmentRequest): Promise<CreatedConsignment>
  /** `ConsignmentState` normalised (`Manifest Failed` → `ManifestFailed`). */
  getConsignment (consignmentReference: string): Promise<NormalisedConsignment>
  /** `EC-` references of the consignments matching every property filter. */
  findConsignmentReferences (query: ConsignmentQuery): Promise<string[]>
  searchConsignments (query: ConsignmentQuery, take: number, skip: number): Promise<ConsignmentSearchResult>
  quotesForConsignment (consignmentReference: string): Promise<QuotesResponse>
  allocateWithDefaultRules (consignmentReferences: string[]): Promise<AllocationResult[]>
  allocateWithServiceGroup (consignmentReference: string, serviceGroupReference: string): Promise<AllocationResult[]>
  /** A service that cannot keep the promise leaves the consignment AllocationFailed. */
  allocateWithCarrierService (mpdCarrierServiceReference: string, consignmentReferences: string[]): Promise<AllocationResult[]>
  allocateWithQuote (consignmentReference: string, quoteReference: string): Promise<AllocationResult[]>
  /** The decoded label file; without a format PRO answers its default (PDF). */
  label (consignmentReference: string, format?: LabelFormat): Promise<LabelFile>
  customsDocuments (consignmentReference: string): Promise<CustomsDocument[]>
  /** Queues the matching consignments for manifesting; their states change later. */
  manifestFromQuery (query: ManifestFromQueryRequest): Promise<ManifestFromQueryResponse>
  manifestConsignments (consignmentReferences: string[]): Promise<BulkOperationResult[]>
  /** Back to Unallocated, allocation wiped (from Allocated, Manifested, Manifest Failed). */
  deallocateConsignment (consignmentReference: string): Promise<void>
  cancelConsignment (consignmentReference: string): Promise<void>
  /** Replaces the order's address of the same type (`PUT /orders/{ref}/address`); answers nothing. */
  replaceOrderAddress (orderReference: string, address: AddressInput): Promise<void>
  cancelConsignments (consignmentReferences: string[]): Promise<BulkOperationResult[]>
  tracking (consignmentReference: string): Promise<TrackingResponse>
  /**
   * This client (same connections, queues and breaker) with every call also bounded by
   * `bound.deadline()`, read when the call starts, and by `bound.signal`: how the holder of a lease
   * keeps its PRO calls inside the lease. Views nest; a view's `close` does nothing.
   */
  within (bound: ProCallBound): ProClient
  /** Closes the connections; calls still running fail. On a view, does nothing. */
  close (): Promise<void>
}

const segment = encodeURIComponent

function pageNumber (name: string, value: number): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer`)
  return value
}

export function createProClient (options: ProClientOptions): ProClient {
  const transport = createProTransport(options)
  return clientOver(transport, () => ({}), async () => { await transport.close() })
}

function clientOver (transport: ProTransport, bound: () => SendBound, close: () => Promise<void>): ProClient {
  async function call<T> (reader: Reader<T>, request: Omit<ProRequest, 'op'>): Promise<T> {
    const text = await transport.send({ op: reader.op, ...request }, bound())
    return reader.read(parseJson(reader.op, text))
  }

  return {
    deliveryOptions: (body) => call(readers.deliveryOptions, { method: 'POST', path: '/deliveryoptions', body }),
    pickupOptions: (body) => call(readers.pickupOptions, { method: 'POST', path: '/deliveryoptions/pickupoptions/', body }),
    optionDetails: (reference) =>
      call(readers.optionDetails, { method: 'GET', path: `/deliveryoptions/details/${segment(reference)}` }),
    selectOrder: (body) => call(readers.selectOrder, { method: 'POST', path: '/deliveryoptions/selectorder', body }),
    getOrder: (reference) => call(readers.getOrder, { method: 'GET', path: `/orders/${segment(reference)}` }),
    packOrder: (reference, body) => call(readers.pack, { method: 'POST', path: `/orders/${segment(reference)}/pack`, body }),
    createConsignment: (body) => call(readers.createConsignment, { method: 'POST', path: '/consignments', body }),
    getConsignment: (reference) =>
      call(readers.getConsignment, { method: 'GET', path: `/consignments/${segment(reference)}` }),
    findConsignmentReferences: (query) =>
      call(readers.consignmentReferences, { method: 'GET', path: '/consignments/getConsignmentReferences', query }),
    searchConsignments: async (query, take, skip) => await call(readers.searchConsignments, {
      method: 'GET',
      path: `/consignments/${pageNumber('take', take)}/${pageNumber('skip', skip)}`,
      query
    }),
    quotesForConsignment: (reference) =>
      call(readers.quotes, { method: 'GET', path: `/quotes/consignment/${segment(reference)}` }),
    allocateWithDefaultRules: (references) =>
      call(readers.allocation, { method: 'PUT', path: '/allocation/allocate', body: { ConsignmentReferences: references } }),
    allocateWithServiceGroup: (reference, group) => call(readers.allocation, {
      method: 'PUT',
      path: `/allocation/${segment(reference)}/allocatewithservicegroup/${segment(group)}`
    }),
    allocateWithCarrierService: (service, references) => call(readers.allocation, {
      method: 'PUT',
      path: '/allocation/allocatewithcarrierservice',
      body: { MpdCarrierServiceReference: service, ConsignmentReferences: references }
    }),
    allocateWithQuote: (reference, quote) => call(readers.allocation, {
      method: 'PUT',
      path: `/allocation/${segment(reference)}/allocatewithquote/${segment(quote)}`
    }),
    label: async (reference, format) => ({
      contentType: LABEL_CONTENT_TYPES[format ?? 'PDF'],
      data: await call(readers.label, {
        method: 'GET',
        path: format === undefined ? `/labels/${segment(reference)}` : `/labels/${segment(reference)}/${format}`
      })
    }),
    customsDocuments: (reference) =>
      call(readers.customsDocuments, { method: 'GET', path: `/consignments/docs/${segment(reference)}` }),
    manifestFromQuery: (query) =>
      call(readers.manifestFromQuery, { method: 'PUT', path: '/consignments/manifestFromQuery', body: query }),
    manifestConsignments: (references) =>
      call(readers.manifest, { method: 'PUT', path: '/consignments/manifest', body: { ConsignmentReferences: references } }),
    replaceOrderAddress: async (reference, address) => {
      await transport.send({ op: 'orderAddress', method: 'PUT', path: `/orders/${segment(reference)}/address`, body: address }, bound())
    },
    deallocateConsignment: async (reference) => {
      await transport.send({ op: 'deallocate', method: 'PUT', path: `/consignments/${segment(reference)}/deallocate` }, bound())
    },
    cancelConsignment: async (reference) => {
      await transport.send({ op: 'cancel', method: 'PUT', path: `/consignments/${segment(reference)}/cancel` }, bound())
    },
    cancelConsignments: (references) =>
      call(readers.cancelList, { method: 'PUT', path: '/consignments/cancellist', body: references }),
    tracking: (reference) => call(readers.tracking, { method: 'GET', path: `/tracking/${segment(reference)}` }),
    within: (outer) => clientOver(transport, () => narrower(bound(), { deadline: outer.deadline(), signal: outer.signal }), async () => {}),
    close
  }
}
