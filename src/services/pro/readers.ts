import type { StaticDecode, TSchema } from '@sinclair/typebox'
import { ProErrorBody, BulkOperationResults } from './schemas/common.js'
import { DeliveryOptionsResponse, OptionDetailsResponse, PickupOptionsResponse, SelectOrderResponse } from './schemas/options.js'
import { Order, PackOrderResponse } from './schemas/orders.js'
import {
  Consignment, ConsignmentReferencesResponse, ConsignmentSearchResponse, CreateConsignmentResponse,
  type ConsignmentSummary
} from './schemas/consignments.js'
import { QuotesResponse } from './schemas/quotes.js'
import { AllocationResponse, type AllocationSummary } from './schemas/allocation.js'
import { CustomsDocumentsResponse, LabelResponse } from './schemas/documents.js'
import { ManifestFromQueryResponse } from './schemas/manifest.js'
import { TrackingResponse } from './schemas/tracking.js'
import { ProInvalidResponseError, ProRejectedError } from './errors.js'
import type { ProOperation } from './operations.js'
import { checkerFor, validated } from './validation.js'
import { consignmentReferenceFromLinks, consignmentReferenceInText } from './references.js'
import { normaliseConsignmentState, type ConsignmentState } from './states.js'
import { decodeBase64 } from './files.js'

/*
 * How each PRO answer is read: parsed, checked against its schema, then normalised into the
 * shape the client returns. The example test runs the vendor's payloads through these same readers.
 */

export interface Reader<T> {
  op: ProOperation
  read (body: unknown): T
}

/** Thrown by a normaliser when a schema-valid answer still lacks what the client needs. */
class UnusableAnswer extends Error {
  constructor (readonly path: string, message: string) {
    super(message)
  }
}

function reader<S extends TSchema> (op: ProOperation, schema: S): Reader<StaticDecode<S>>
function reader<S extends TSchema, T> (op: ProOperation, schema: S, normalise: (value: StaticDecode<S>) => T): Reader<T>
function reader<S extends TSchema, T> (op: ProOperation, schema: S, normalise?: (value: StaticDecode<S>) => T): Reader<T | StaticDecode<S>> {
  return {
    op,
    read (body) {
      const value = validated(op, schema, body)
      if (normalise === undefined) return value
      try {
        return normalise(value)
      } catch (error) {
        if (error instanceof UnusableAnswer) throw new ProInvalidResponseError(op, [{ path: error.path, message: error.message }])
        throw error
      }
    }
  }
}

export function parseJson (op: ProOperation, text: string, upstreamStatus?: number): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new ProInvalidResponseError(op, [{ path: '/', message: 'body is not JSON' }], { upstreamStatus, cause: error })
  }
}

/** A 4xx answer; its body is PRO's error shape when PRO (not the gateway) answered. */
export function readRejection (op: ProOperation, upstreamStatus: number, text: string): ProRejectedError {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    body = undefined
  }
  return new ProRejectedError(op, upstreamStatus, checkerFor(ProErrorBody).Check(body) ? body : undefined)
}

export interface CreatedConsignment { consignmentReference: string }
export interface PackedOrder { consignmentReferences: string[] }
/**
 * `consignmentReference` is undefined only when PRO's summary names no consignment at all.
 * `allocated`: the entry reports its consignment allocated (see `allocatedBy`).
 */
export interface AllocationResult { consignmentReference: string | undefined, allocated: boolean, summary: AllocationSummary }
/** `contentType` follows the format asked for: PRO says `application/pdf` for every format (§7.6). */
export interface LabelFile { contentType: string, data: Buffer }
export type CustomsDocumentKind = 'CommercialInvoice' | 'CN22' | 'CN23'
export interface CustomsDocument { name: string, kind: CustomsDocumentKind, data: Buffer }
export type NormalisedConsignment = Omit<Consignment, 'ConsignmentState'> & { ConsignmentState: ConsignmentState }
export type NormalisedConsignmentSummary = Omit<ConsignmentSummary, 'State'> & { State: ConsignmentState }
export interface ConsignmentSearchResult { Count: number, ConsignmentSummaries: NormalisedConsignmentSummary[] }

const asArray = <T>(value: T | T[]): T[] => Array.isArray(value) ? value : [value]

/**
 * A 200 answer may carry entries that failed (PRO-API.md §5: each summary has a StatusCode). An
 * entry allocated its consignment when its StatusCode, if sent, is 200 and it names a leg and a carrier.
 */
function allocatedBy (summary: AllocationSummary): boolean {
  if (summary.StatusCode != null && summary.StatusCode !== 200) return false
  const legs = summary.ConsignmentLegs ?? []
  const carrier = [summary.CarrierReference, summary.CarrierName, ...legs.flatMap((leg) => [leg.CarrierReference, leg.CarrierName])]
    .some((name) => name != null && name.trim() !== '')
  return legs.length > 0 && carrier
}

function decoded (encoded: string, path: string): Buffer {
  const data = decodeBase64(encoded)
  if (data === undefined || data.length === 0) throw new UnusableAnswer(path, 'file is not valid base64')
  return data
}

const CUSTOMS_LISTS = [
  ['CommercialInvoiceDocuments', 'CommercialInvoice'],
  ['CN22Documents', 'CN22'],
  ['CN23Documents', 'CN23']
] as const

export const readers = {
  deliveryOptions: reader('deliveryOptions', DeliveryOptionsResponse),
  pickupOptions: reader('pickupOptions', PickupOptionsResponse),
  optionDetails: reader('optionDetails', OptionDetailsResponse),
  selectOrder: reader('selectOrder', SelectOrderResponse),
  getOrder: reader('getOrder', Order),
  pack: reader('pack', PackOrderResponse, (value): PackedOrder => {
    const consignmentReferences = value.Results
      .map((result) => consignmentReferenceFromLinks(result.ApiLinks))
      .filter((reference) => reference !== undefined)
    if (consignmentReferences.length === 0) throw new UnusableAnswer('/Results', 'no link to a consignment')
    return { consignmentReferences }
  }),
  createConsignment: reader('createConsignment', CreateConsignmentResponse, (value): CreatedConsignment => {
    const consignmentReference = consignmentReferenceFromLinks(asArray(value))
    if (consignmentReference === undefined) throw new UnusableAnswer('/', 'no link to a consignment')
    return { consignmentReference }
  }),
  getConsignment: reader('getConsignment', Consignment, (value): NormalisedConsignment => ({
    ...value,
    ConsignmentState: normaliseConsignmentState(value.ConsignmentState)
  })),
  consignmentReferences: reader('searchConsignments', ConsignmentReferencesResponse),
  searchConsignments: reader('searchConsignments', ConsignmentSearchResponse, (value): ConsignmentSearchResult => ({
    ...value,
    ConsignmentSummaries: value.ConsignmentSummaries.map((summary) => ({ ...summary, State: normaliseConsignmentState(summary.State) }))
  })),
  quotes: reader('quotes', QuotesResponse),
  allocation: reader('allocate', AllocationResponse, (value): AllocationResult[] =>
    asArray(value).map((summary) => ({
      consignmentReference: consignmentReferenceFromLinks(summary.ApiLinks) ?? consignmentReferenceInText(summary.Description),
      allocated: allocatedBy(summary),
      summary
    }))),
  /** The decoded file; its `ContentType` is not trusted (see LabelFile). */
  label: reader('labels', LabelResponse, (value): Buffer => decoded(value.File, '/File')),
  customsDocuments: reader('customsDocs', CustomsDocumentsResponse, (value): CustomsDocument[] =>
    CUSTOMS_LISTS.flatMap(([list, kind]) => (value[list] ?? []).map((document, index) => ({
      name: document.Key,
      kind,
      data: decoded(document.Value, `/${list}/${index}/Value`)
    })))),
  manifestFromQuery: reader('manifest', ManifestFromQueryResponse),
  manifest: reader('manifest', BulkOperationResults),
  cancelList: reader('cancel', BulkOperationResults),
  tracking: reader('tracking', TrackingResponse)
}
