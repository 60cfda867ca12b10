import t from 'tap'
import { readFileSync } from 'node:fs'
import { readers } from '../../../src/services/pro/readers.js'

/* How answers the vendor's examples do not show are read: empty lists sent as null, failed allocation entries. */

const examplesDir = new URL('../../fixtures/pro-examples/', import.meta.url)
const example = (name: string): any => JSON.parse(readFileSync(new URL(name, examplesDir), 'utf8'))

t.test('a list PRO sends as null is read as empty', async (t) => {
  t.same(readers.deliveryOptions.read({ DeliveryOptions: null }).DeliveryOptions, [], 'no delivery options')
  t.same(readers.pickupOptions.read({ Distance: 5, MaxResults: 10, Locations: null }).Locations, [], 'no pickup locations')
  const location = example('pickup-options.response.json').Locations[0]
  t.same(readers.pickupOptions.read({ Locations: [{ ...location, DeliveryOptions: null }] }).Locations[0]!.DeliveryOptions, [], 'a location without options')
  t.same(readers.quotes.read({ QuoteRequestReference: null, Quotes: null, Message: 'No service', UnqualifiedServices: null }).Quotes, [], 'no quotes')
  t.same(readers.selectOrder.read({ SelectOrderResults: null }).SelectOrderResults, [], 'no select-order results')
  t.same(readers.allocation.read(null), [], 'no allocation summaries')
  t.same(readers.manifest.read(null), [], 'no manifest results')
  t.same(readers.consignmentReferences.read(null), [], 'no consignment references')
  t.same(readers.searchConsignments.read({ Count: 0, ConsignmentSummaries: null }).ConsignmentSummaries, [], 'no search results')
  t.same(readers.tracking.read({ ConsignmentReferenceForAllLegsAssignedByMpd: 'EC-000-05B-MMA', TrackedPackages: null }).TrackedPackages, [], 'nothing tracked yet')
})

t.test('a select-order result with a null Status is read', async (t) => {
  const answer = example('select-option-as-order.response.json')
  answer.SelectOrderResults[0].Status = null
  t.equal(readers.selectOrder.read(answer).SelectOrderResults[0]!.Status, null)
})

t.test('each allocation entry says whether it allocated its consignment', async (t) => {
  const [allocated] = readers.allocation.read(example('allocation-summary.response.json'))
  t.equal(allocated!.allocated, true, 'the vendor\'s summary: StatusCode 200, a leg and a carrier')

  const summary = example('allocation-summary.response.json')[0]
  const failed = { ...summary, StatusCode: 400, Description: 'Consignment EC-000-05B-MMA could not be allocated' }
  const withoutStatus = { ...summary, StatusCode: undefined }
  const noLegs = { ...summary, ConsignmentLegs: null }
  const noCarrier = { ...summary, CarrierReference: null, CarrierName: null, ConsignmentLegs: [{ ...summary.ConsignmentLegs[0], CarrierReference: null, CarrierName: null }] }
  const read = (entry: unknown) => readers.allocation.read([entry])[0]!
  t.match(read(failed), { consignmentReference: 'EC-000-05B-MMA', allocated: false }, 'StatusCode other than 200')
  t.equal(read(withoutStatus).allocated, true, 'no StatusCode: judged by its legs and carrier')
  t.equal(read(noLegs).allocated, false, 'no legs')
  t.equal(read(noCarrier).allocated, false, 'no carrier')
})
