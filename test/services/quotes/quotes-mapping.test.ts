import t from 'tap'
import { readFileSync } from 'node:fs'
import { readers } from '../../../src/services/pro/readers.js'
import { findStoredQuote, mapAllocation, mapQuote, mapQuotes, storedQuotes } from '../../../src/services/quotes/quotes-mapping.js'

const examplesDir = new URL('../../fixtures/pro-examples/', import.meta.url)
const example = (name: string): unknown => JSON.parse(readFileSync(new URL(name, examplesDir), 'utf8'))

t.test('the vendor\'s quotes-by-consignment example maps to our quotes, cheapest first', async (t) => {
  const response = readers.quotes.read(example('quotes-by-consignment.response.json'))
  const view = mapQuotes('EC-000-05B-1CM', response)
  t.equal(view.reference, 'EC-000-05B-1CM')
  t.equal(view.quoteRequestReference, '6f9c7ee5-a97e-4df9-bc07-aa3f00e99316')
  t.equal(view.message, null)
  t.equal(view.quotes.length, 2)
  t.same(view.quotes[0], {
    quoteReference: 'f6374a18-a6b5-48c1-841c-aa3f00e9951a',
    carrier: 'ROYAL_MAIL',
    service: '1st and 2nd Class Account Mail (1st Parcel)',
    serviceReference: 'MPD_RMDBPR1STPSU',
    collectionDate: '2019-05-01',
    earliestDelivery: '2019-05-02T00:00:00+01:00',
    latestDelivery: '2019-05-02T23:59:00+01:00',
    price: { net: '27.69', gross: '33.23', tax: '5.54', currency: 'GBP' },
    surcharges: [],
    expiresAt: '2019-05-01T00:00:00+01:00'
  }, 'carrier from the leg (CarrierName is null there), tax from VatAmount, offset-less times in UK time (BST in May), expiry with its offset')
  t.equal(view.quotes[1]?.service, 'Tracked 48 Signed For')
  t.equal(view.unavailable.length, 9)
  t.same(view.unavailable[2], {
    service: 'Next Day Monday - Saturday',
    serviceReference: 'MPD_MNZIS-00001',
    reason: 'This service is not available between the selected addresses.'
  })
})

t.test('quotes are sorted by gross price whatever order PRO sends them in', async (t) => {
  const response = readers.quotes.read(example('quotes-by-consignment.response.json'))
  const [first, second] = response.Quotes
  const pricier = { ...second!, QuoteReference: 'b', Price: { ...second!.Price, Gross: 40.1, Net: 33.42 } }
  const cheaper = { ...first!, QuoteReference: 'a', Price: { ...first!.Price, Gross: 9.99, Net: 8.33, VatAmount: 1.66 } }
  const view = mapQuotes('EC-000-05B-1CM', { ...response, Quotes: [pricier, cheaper] })
  t.same(view.quotes.map((q) => [q.quoteReference, q.price.gross]), [['a', '9.99'], ['b', '40.10']])
})

t.test('offset-less quote times are UK local time: GMT in winter', async (t) => {
  const response = readers.quotes.read(example('quotes-by-consignment.response.json'))
  const winter = { ...response.Quotes[0]!, EarliestDeliveryDate: '2019-12-02T09:00:00', LatestDeliveryDate: '2019-12-02T17:30:00' }
  t.match(mapQuote(winter), { earliestDelivery: '2019-12-02T09:00:00+00:00', latestDelivery: '2019-12-02T17:30:00+00:00' })
})

t.test('a quote without expiry, legs or collection date still maps', async (t) => {
  const response = readers.quotes.read(example('quotes-by-consignment.response.json'))
  const bare = { ...response.Quotes[0]!, Legs: null, ExpiryDate: null, CollectionDate: null, CarrierReference: 'DPD', Surcharges: [{ Name: 'Fuel', Amount: 1.2 }, {}] }
  const quote = mapQuote(bare)
  t.match(quote, { carrier: 'DPD', expiresAt: null, collectionDate: null })
  t.same(quote.surcharges, [{ name: 'Fuel', amount: '1.20' }, { name: 'Surcharge', amount: null }])
})

t.test('stored quotes are found by reference whatever its case', async (t) => {
  const view = mapQuotes('EC-000-05B-1CM', readers.quotes.read(example('quotes-by-consignment.response.json')))
  const details = { quotes: storedQuotes(view.quotes) }
  const found = findStoredQuote(details, 'F63BD4AB-D519-4547-B361-AA3F00E9951A')
  t.match(found, { quoteReference: 'f63bd4ab-d519-4547-b361-aa3f00e9951a', serviceReference: 'MPD_RMDTPS48HNAST', expiresAt: '2019-05-01T00:00:00+01:00' })
  t.equal(findStoredQuote(details, 'nope'), undefined)
  t.equal(findStoredQuote({}, 'nope'), undefined)
})

t.test('the vendor\'s allocate-with-quote example maps to our allocation', async (t) => {
  const [result] = readers.allocation.read(example('allocate-with-quote.response.json'))
  t.equal(result?.consignmentReference, 'EC-000-05B-N40')
  const quote = { quoteReference: 'q-1', serviceReference: 'EDC5_UPSHSTDCS', carrier: 'UPS', service: 'UPS STANDARD', price: { net: '10.00', gross: '12.00', tax: '2.00', currency: 'GBP' }, expiresAt: null }
  const allocatedAt = new Date('2019-06-18T10:00:00Z')
  t.same(mapAllocation(result!.summary, quote, allocatedAt), {
    quoteReference: 'q-1',
    carrier: 'UPS',
    service: 'UPS STANDARD (Delivery Confirmation Signature Required)',
    serviceReference: 'EDC5_UPSHSTDCS',
    trackingReferences: ['1Z9A80W5DK96293164'],
    price: quote.price,
    allocatedAt: '2019-06-18T10:00:00.000Z'
  })
  t.match(mapAllocation(result!.summary, undefined, allocatedAt), { quoteReference: null, price: null, carrier: 'UPS' })
})
