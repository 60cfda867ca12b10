import t, { type Test } from 'tap'
import { readdirSync, readFileSync } from 'node:fs'
import { Type, type TSchema } from '@sinclair/typebox'
import { schemaProblems } from '../../../src/services/pro/validation.js'
import { readers, readRejection, type Reader } from '../../../src/services/pro/readers.js'
import { ProInvalidResponseError } from '../../../src/services/pro/errors.js'
import { priceTax } from '../../../src/services/pro/prices.js'
import {
  AllocateRequest, AllocateWithCarrierServiceRequest, CancelConsignmentsRequest, CreateConsignmentRequest,
  DeliveryOptionsRequest, LabelResponse, CustomsDocumentsResponse, ManifestFromQueryRequest, ManifestRequest,
  PackOrderRequest, PickupOptionsRequest, SelectOrderRequest
} from '../../../src/services/pro/schemas/index.js'

/*
 * Every vendor example either parses with the client's schema (and, for answers, its reader, which
 * also normalises) or is listed as skipped with the reason. A new file in neither list fails.
 */

const examplesDir = new URL('../../fixtures/pro-examples/', import.meta.url)
type Tap = Test
type Check = (t: Tap, json: unknown, text: string) => void

const request = (schema: TSchema): Check => (t, json) => {
  t.same(schemaProblems(schema, json), [], 'matches the request schema')
}

function response<T> (reader: Reader<T>, then?: (t: Tap, value: T, json: unknown) => void): Check {
  return (t, json) => {
    const value = reader.read(json)
    t.ok(value, `read by the ${reader.op} reader`)
    then?.(t, value, json)
  }
}

/** The docs truncate base64 files; the schema must accept the answer and the decoder refuse it. */
const undecodable = (schema: TSchema, reader: Reader<unknown>, path: string): Check => (t, json) => {
  t.same(schemaProblems(schema, json), [], 'matches the response schema')
  let error: unknown
  try {
    reader.read(json)
  } catch (caught) {
    error = caught
  }
  t.type(error, ProInvalidResponseError, 'the decoder refuses the truncated file')
  t.equal((error as ProInvalidResponseError).problems[0]?.path, path)
}

const allocatedEach = (expected: string[]) => (t: Tap, results: Array<{ consignmentReference: string | undefined }>) => {
  t.same(results.map((result) => result.consignmentReference), expected)
}

const covered: Record<string, Check> = {
  'error.response.json': (t, json, text) => {
    const error = readRejection('getConsignment', 404, text)
    const body = json as { Code: string, Message: string, CorrelationId: string }
    t.equal(error.proCode, body.Code)
    t.equal(error.proMessage, body.Message)
    t.equal(error.correlationId, body.CorrelationId)
  },
  'delivery-options.request.json': request(DeliveryOptionsRequest),
  'delivery-options.request.minimal.json': request(DeliveryOptionsRequest),
  'delivery-options.response.json': response(readers.deliveryOptions, (t, value) => {
    t.same(priceTax(value.DeliveryOptions[0]!.Price!), { rate: 0.2, amount: 5.54 }, 'TaxRate spelling')
  }),
  'pickup-options.request.json': request(PickupOptionsRequest),
  'pickup-options.request.simple.json': request(PickupOptionsRequest),
  'pickup-options.response.json': response(readers.pickupOptions, (t, value) => {
    t.same(priceTax(value.Locations[0]!.DeliveryOptions[0]!.Price!), { rate: 0.2, amount: 1.2 }, 'VatRate spelling')
  }),
  'existing-delivery-option.response.json': response(readers.optionDetails),
  'select-option-as-order.request.json': request(SelectOrderRequest),
  'select-option-as-order.response.json': response(readers.selectOrder, (t, value) => {
    t.equal(value.SelectOrderResults[0]!.OrderReference, 'EO-000-002-0TT', 'order reference from the field, not the link')
  }),
  'get-order.response.json': response(readers.getOrder),
  'pack-order.request.json': request(PackOrderRequest),
  'pack-order.response.json': response(readers.pack, (t, value) => {
    t.same(value.consignmentReferences, ['EC-000-05B-MQ4'])
  }),
  'create-consignment.request.json': request(CreateConsignmentRequest),
  'create-consignment.request.minimal.json': request(CreateConsignmentRequest),
  'create-consignment.response.json': response(readers.createConsignment, (t, value) => {
    t.same(value, { consignmentReference: 'EC-000-05B-MMA' })
  }),
  'get-consignment.response.json': response(readers.getConsignment, (t, value) => {
    t.equal(value.ConsignmentState, 'Unallocated')
  }),
  'consignment-references.response.json': response(readers.consignmentReferences),
  'search-consignments.response.json': response(readers.searchConsignments, (t, value) => {
    t.same(value.ConsignmentSummaries.map((summary) => summary.State), ['Allocated', 'Allocated'])
  }),
  'quotes-by-consignment.response.json': response(readers.quotes, (t, value, json) => {
    t.equal(value.Quotes[0]!.MpdCarrierServiceSource, 2)
    const withStringSource = structuredClone(json) as { Quotes: Array<Record<string, unknown>> }
    withStringSource.Quotes[0]!.MpdCarrierServiceSource = 'External'
    t.equal(readers.quotes.read(withStringSource).Quotes[0]!.MpdCarrierServiceSource, 'External', 'string source too')
  }),
  'allocate-using-default-rules.request.json': request(AllocateRequest),
  'allocate-with-carrier-service.request.json': request(AllocateWithCarrierServiceRequest),
  'allocation-summary.response.json': response(readers.allocation, allocatedEach(['EC-000-05B-MMA'])),
  'allocation-summary.response.prod-links.json': response(readers.allocation, allocatedEach(['EC-000-05B-MMA'])),
  'allocation-summary.response.failed-entry.derived.json': response(readers.allocation, (t, value) => {
    t.same(value.map((result) => [result.consignmentReference, result.allocated]), [['EC-000-05B-MMA', true], ['EC-000-05B-MMB', false]])
  }),
  'delivery-options.response.null-list.derived.json': response(readers.deliveryOptions, (t, value) => {
    t.same(value.DeliveryOptions, [], 'null is no options')
  }),
  'pickup-options.response.null-list.derived.json': response(readers.pickupOptions, (t, value) => {
    t.same(value.Locations, [], 'null is no locations')
  }),
  'quotes-by-consignment.response.null-list.derived.json': response(readers.quotes, (t, value) => {
    t.same(value.Quotes, [], 'null is no quotes')
  }),
  'allocate-with-quote.response.json': response(readers.allocation, (t, value, json) => {
    allocatedEach(['EC-000-05B-N40'])(t, value)
    t.same(readers.allocation.read((json as unknown[])[0]), value, 'a single summary object reads the same')
  }),
  'labels.response.json': undecodable(LabelResponse, readers.label, '/File'),
  'labels-in-format.response.json': undecodable(LabelResponse, readers.label, '/File'),
  'labels.response.generic.json': undecodable(LabelResponse, readers.label, '/File'),
  'customs-docs.response.json': undecodable(CustomsDocumentsResponse, readers.customsDocuments, '/CommercialInvoiceDocuments/0/Value'),
  'manifest-from-query.request.json': request(ManifestFromQueryRequest),
  'manifest-from-query.request.ready-to-ship.json': request(ManifestFromQueryRequest),
  'manifest-from-query.response.json': response(readers.manifestFromQuery),
  'manifest.request.json': request(ManifestRequest),
  'manifest.response.json': response(readers.manifest),
  'cancel-consignments.request.json': request(CancelConsignmentsRequest),
  'cancel-consignments.response.json': response(readers.cancelList),
  'tracking.response.json': response(readers.tracking),
  'metadata.request.fragment.json': request(Type.Required(Type.Pick(CreateConsignmentRequest, ['MetaData']))),
  'tags.request.fragment.json': request(Type.Required(Type.Pick(CreateConsignmentRequest, ['Tags'])))
}

const notUsed = (what: string) => `${what} is not used by either flow`
const skipped: Record<string, string> = {
  'README.md': 'where the fixtures come from, not a payload',
  'INDEX.md': 'index of the examples, not a payload',
  'FIXES.md': 'list of typo fixes, not a payload',
  'add-package.request.json': notUsed('consignments: add package'),
  'add-package.response.json': notUsed('consignments: add package'),
  'consignment-status.response.json': notUsed('consignments: the light status read (the full consignment is read instead)'),
  'create-order.request.json': notUsed('orders: create order (orders come from selectorder)'),
  'create-order.request.minimal.json': notUsed('orders: create order'),
  'create-order.request.eori-skeleton.json': notUsed('orders: create order'),
  'create-order.response.json': notUsed('orders: create order'),
  'create-order.response.prod-links.json': notUsed('orders: create order'),
  'update-order.request.json': notUsed('orders: update order'),
  'update-order.response.json': notUsed('orders: update order'),
  'update-order.response.dates-only.json': notUsed('orders: update order'),
  'order-address.request.json': notUsed('orders: add or replace an address'),
  'update-consignment.request.json': notUsed('consignments: update consignment'),
  'update-consignment.request.no-packages.json': notUsed('consignments: update consignment'),
  'update-consignment.response.json': notUsed('consignments: update consignment'),
  'deallocate-consignments.request.json': notUsed('consignments: deallocate'),
  'deallocate-consignments.response.json': notUsed('consignments: deallocate'),
  'delivery-options-summary.response.json': notUsed('options: the dates-only summary'),
  'select-option.response.json': notUsed('options: select option (the flex flow selects as an order)'),
  'select-option.response.prod-links.json': notUsed('options: select option'),
  'quotes.request.json': notUsed('quotes: POST /quotes (the quotes flow quotes an existing consignment)'),
  'quotes.response.json': notUsed('quotes: POST /quotes'),
  'service-group-quotes.request.json': notUsed('quotes: service-group quotes'),
  'service-group-quotes.response.json': notUsed('quotes: service-group quotes'),
  'allocate-with-service-filters.request.json': notUsed('allocation: allocate with service filters'),
  'set-ready-to-ship.request.json': notUsed('manifests: set ready to ship (manifest runs query Allocated)'),
  'set-ready-to-ship.response.json': notUsed('manifests: set ready to ship'),
  'set-not-ready-to-ship.request.json': notUsed('manifests: set not ready to ship'),
  'set-not-ready-to-ship.response.json': notUsed('manifests: set not ready to ship'),
  'customer-manifests.response.json': notUsed('manifests: customer manifest files'),
  'tracking-flattened.response.json': notUsed('tracking: the flattened variant'),
  'react-register-shipments.request.json': 'REACT API payload, not a PRO endpoint'
}

const files = readdirSync(examplesDir).sort()

t.test('every example is covered or skipped with a reason, never both', async (t) => {
  for (const file of files) {
    const isCovered = file in covered
    const isSkipped = file in skipped
    const state = isCovered && isSkipped
      ? 'both covered and skipped'
      : isCovered ? 'covered' : isSkipped ? `skipped: ${skipped[file]}` : 'neither covered nor skipped'
    t.ok(isCovered !== isSkipped, `${file}: ${state}`)
  }
  for (const listed of [...Object.keys(covered), ...Object.keys(skipped)]) {
    t.ok(files.includes(listed), `${listed} is listed but not in the examples folder`)
  }
})

for (const file of files.filter((name) => name in covered)) {
  t.test(file, async (t) => {
    const text = readFileSync(new URL(file, examplesDir), 'utf8')
    covered[file]!(t, JSON.parse(text), text)
  })
}
