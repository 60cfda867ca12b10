import t from 'tap'
import { priceTax } from '../../../src/services/pro/prices.js'
import type { PackOrderRequest } from '../../../src/services/pro/schemas/orders.js'
import { shipmentRequest } from '../../sandbox/helper.js'
import { startSimulator } from './simulator.js'
import { MANIFEST_DELAY_MS } from '../../../src/sandbox/domain/manifesting.js'

/* The typed client against the PRO simulator over HTTP: the flows the BFF's pipeline runs. */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const EC = /^EC-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/
const cents = (value: number) => Math.round(value * 100)

function pack (order: string, key: string, sku: string): PackOrderRequest {
  return {
    OrderReference: order,
    OrderReferenceProvidedByCustomer: key,
    Packages: [{ Weight: { Value: 0.8, Unit: 'Kg' }, Dimensions: { Unit: 'Cm', Width: 20, Length: 30, Height: 10 }, Description: sku, Value: { Amount: 12.5, Currency: { IsoCode: 'GBP' } }, Items: [{ Sku: sku, Quantity: 1 }] }]
  }
}

t.test('Consumer Options Flex: options, order, a pack per warehouse, allocation, documents, manifest', async t => {
  const { client, stats, simulatorClock } = await startSimulator(t)
  const request = shipmentRequest({ items: [{ sku: 'SKU-A' }, { sku: 'SKU-B' }] })

  const { DeliveryOptions: options } = await client.deliveryOptions(request)
  t.ok(options.length > 1, 'several options')
  t.ok(options.every(option => /^EDO-/.test(option.Reference)), 'EDO- references')
  t.ok(new Set(options.map(option => option.EstimatedDeliveryDate.Date)).size > 1, 'options over several days')
  for (const option of options) {
    const price = option.Price
    if (price == null) throw new Error(`option ${option.Reference} has no price`)
    const tax = priceTax(price)
    t.equal(tax.rate, 0.2, `${option.Reference}: UK VAT rate`)
    t.equal(cents(price.Gross), cents(price.Net) + cents(tax.amount ?? Number.NaN), `${option.Reference}: gross = net + tax`)
  }

  const pickup = await client.pickupOptions({ ...request, Distance: { Unit: 'Km', Value: 2 }, MaxResults: 3 })
  t.equal(pickup.Locations.length, 3, 'MaxResults shops')
  for (const location of pickup.Locations) {
    t.ok(location.DeliveryOptions.length > 0, `${location.ShopReference ?? '?'} has options`)
    t.ok(location.DeliveryOptions.every(option => ['MPD_DPDPICKUP', 'MPD_EVRISHOP'].includes(option.CarrierServiceReference ?? '')), 'pickup services only')
  }

  const chosen = options.find(option => option.CarrierServiceReference === 'MPD_DPDNEXTDAY') ?? options[0]
  const details = await client.optionDetails(chosen.Reference)
  t.equal(details.DeliveryOption.Reference, chosen.Reference)
  t.equal(details.DeliveryOption.CarrierServiceReference, chosen.CarrierServiceReference)
  t.equal(details.ConsignmentDetail?.Addresses?.find(address => address.AddressType === 'Destination')?.Postcode, 'M1 5WG')

  const selected = await client.selectOrder({ DeliveryOptions: [{ Reference: chosen.Reference, OrderReferenceProvidedByCustomer: 'WEB-1001' }] })
  t.equal(selected.SelectOrderResults.length, 1)
  t.match(selected.SelectOrderResults[0], { Status: 201, DeliveryOptionReference: chosen.Reference, OrderReference: /^EO-/ })
  const orderReference = selected.SelectOrderResults[0].OrderReference ?? ''

  const order = await client.getOrder(orderReference)
  t.equal(order.OrderReference, orderReference)
  t.equal(order.DeliveryOptionReference, chosen.Reference)
  t.equal(order.OrderReferenceProvidedByCustomer, 'WEB-1001')
  t.same(order.Packages?.flatMap(pkg => pkg.Items ?? []).map(item => item.Sku), ['SKU-A', 'SKU-B'])

  // Pack takes no addresses: each consignment ships from the order's origin as it is when packed.
  await client.replaceOrderAddress(orderReference, { AddressType: 'Origin', ShippingLocationReference: 'EDC5_Electio' })
  const manchester = await client.packOrder(orderReference, pack(orderReference, 'WEB-1001-1', 'SKU-A'))
  await client.replaceOrderAddress(orderReference, { AddressType: 'Origin', ShippingLocationReference: 'WH_BRISTOL' })
  const bristol = await client.packOrder(orderReference, pack(orderReference, 'WEB-1001-2', 'SKU-B'))
  t.equal(manchester.consignmentReferences.length, 1)
  t.equal(bristol.consignmentReferences.length, 1)
  const [first] = manchester.consignmentReferences
  const [second] = bristol.consignmentReferences
  t.match(first, EC)
  t.match(second, EC)
  t.not(first, second)
  t.same(await client.findConsignmentReferences({ ConsignmentReferenceProvidedByCustomer: 'WEB-1001-2' }), [second], 'found by its pack key')
  t.same(await client.findConsignmentReferences({ ConsignmentReferenceProvidedByCustomer: 'WEB-1001-1' }), [first])

  for (const [reference, warehouse, key] of [[first, 'EDC5_Electio', 'WEB-1001-1'], [second, 'WH_BRISTOL', 'WEB-1001-2']]) {
    const consignment = await client.getConsignment(reference)
    t.equal(consignment.ConsignmentState, 'Unallocated', `${warehouse}: unallocated after pack`)
    t.equal(consignment.ConsignmentReferenceProvidedByCustomer, key)
    t.equal(consignment.Addresses?.find(address => address.AddressType === 'Origin')?.ShippingLocationReference, warehouse)
  }

  const service = chosen.CarrierServiceReference ?? ''
  const allocated = await client.allocateWithCarrierService(service, [first, second])
  t.same(allocated.map(result => result.consignmentReference).sort(), [first, second].sort())
  t.ok(allocated.every(result => result.summary.CarrierServiceReference === service))
  for (const reference of [first, second]) {
    const consignment = await client.getConsignment(reference)
    t.equal(consignment.ConsignmentState, 'Allocated')
    t.equal(consignment.Allocation?.MpdCarrierServiceReference, service)
  }

  const pdf = await client.label(first, 'PDF')
  t.equal(pdf.contentType, 'application/pdf')
  t.equal(pdf.data.subarray(0, 4).toString('latin1'), '%PDF')
  t.equal((await client.label(first)).data.subarray(0, 4).toString('latin1'), '%PDF', 'PDF by default')
  const png = await client.label(first, 'PNG')
  t.equal(png.contentType, 'image/png')
  t.ok(png.data.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature')
  for (const format of ['ZPL', 'ZPLII'] as const) {
    t.equal((await client.label(second, format)).data.subarray(0, 3).toString('latin1'), '^XA', `${format} starts a label`)
  }

  t.same(await client.customsDocuments(first), [], 'no customs documents inside the UK')
  const { consignmentReference: abroad } = await client.createConsignment(shipmentRequest({ country: 'FR', postcode: '75001' }))
  await client.allocateWithDefaultRules([abroad])
  const customs = await client.customsDocuments(abroad)
  t.same(customs.map(document => document.kind).sort(), ['CN22', 'CommercialInvoice'])
  t.ok(customs.every(document => document.data.subarray(0, 4).toString('latin1') === '%PDF'), 'customs documents are PDFs')

  const bristolOnly = await client.manifestFromQuery({ ShippingLocationReferences: ['WH_BRISTOL'] })
  t.same(bristolOnly.FailedConsignments ?? [], [])
  t.equal((await client.getConsignment(second)).ConsignmentState, 'Manifesting', 'queued to manifest')
  simulatorClock.advance(MANIFEST_DELAY_MS)
  t.equal((await client.getConsignment(second)).ConsignmentState, 'Manifested')
  t.equal((await client.getConsignment(first)).ConsignmentState, 'Allocated', 'other warehouses untouched')
  await client.manifestFromQuery({ ShippingLocationReferences: ['EDC5_Electio', 'WH_BRISTOL'] })
  simulatorClock.advance(MANIFEST_DELAY_MS)
  for (const reference of [first, second, abroad]) t.equal((await client.getConsignment(reference)).ConsignmentState, 'Manifested')

  const seen = await stats()
  t.match(seen.counts, {
    deliveryOptions: 1, pickupOptions: 1, optionDetails: 1, selectOrder: 1, getOrder: 1, pack: 2, createConsignment: 1,
    allocate: 2, labels: 5, customsDocs: 2, manifest: 2
  })
  t.same(seen.duplicates, { orders: 0, consignments: 0, allocations: 0, manifests: 0 })
  t.equal(seen.orders[orderReference].state, 'Packed')
  t.same(seen.orders[orderReference].consignmentReferences, [first, second])
  t.match(seen.consignments[second], { shippingLocation: 'WH_BRISTOL', service, labelsPrinted: true, manifestCount: 1 })
})

t.test('quotes: allocate with a chosen quote, manifest, cancel another, tracking', async t => {
  const { client, stats, simulatorClock } = await startSimulator(t)
  const { consignmentReference: reference } = await client.createConsignment(shipmentRequest())
  t.match(reference, EC)
  const { Quotes: quotes } = await client.quotesForConsignment(reference)
  t.ok(quotes.length >= 2, 'several quotes')
  t.ok(quotes.every(quote => quote.ConsignmentReference === reference))
  const quote = quotes[1]
  t.ok(quote.Price.Gross >= quotes[0].Price.Gross, 'cheapest first')
  t.not(quote.MpdCarrierServiceReference, quotes[0].MpdCarrierServiceReference, 'not the service the default rules would pick')

  const [result] = await client.allocateWithQuote(reference, quote.QuoteReference)
  t.equal(result.consignmentReference, reference)
  const allocated = await client.getConsignment(reference)
  t.equal(allocated.ConsignmentState, 'Allocated')
  t.equal(allocated.Allocation?.MpdCarrierServiceReference, quote.MpdCarrierServiceReference, 'the quoted service')
  t.equal(allocated.Allocation?.Price?.Gross, quote.Price.Gross, 'at the quoted price')
  const trackingNumbers = allocated.ConsignmentLegs?.flatMap(leg => leg.TrackingReferences ?? []) ?? []
  t.equal(trackingNumbers.length, 1, 'a tracking number for the package')
  t.same(result.summary.ConsignmentLegs?.[0]?.TrackingReferences, trackingNumbers)

  const manifested = await client.manifestConsignments([reference])
  t.equal(manifested.length, 1)
  t.equal(manifested[0].IsSuccess, true)
  simulatorClock.advance(MANIFEST_DELAY_MS)
  t.equal((await client.getConsignment(reference)).ConsignmentState, 'Manifested')

  const { consignmentReference: other } = await client.createConsignment(shipmentRequest())
  await client.cancelConsignment(other)
  t.equal((await client.getConsignment(other)).ConsignmentState, 'Cancelled')
  t.equal((await client.getConsignment(reference)).ConsignmentState, 'Manifested', 'only the one asked for is cancelled')

  const tracking = await client.tracking(reference)
  t.equal(tracking.ConsignmentReferenceForAllLegsAssignedByMpd, reference)
  t.same(tracking.TrackedPackages[0].Legs[0].Events.map(event => event.Code), ['ALLOCATED', 'MANIFESTED'])
  t.same((await stats()).duplicates, { orders: 0, consignments: 0, allocations: 0, manifests: 0 })
})

t.test('allocate with the default rules (cheapest) and with a service group', async t => {
  const { client } = await startSimulator(t)
  const { consignmentReference: a } = await client.createConsignment(shipmentRequest())
  const { consignmentReference: b } = await client.createConsignment(shipmentRequest({ weightKg: 18 }))
  const cheapestA = (await client.quotesForConsignment(a)).Quotes[0].MpdCarrierServiceReference
  const cheapestB = (await client.quotesForConsignment(b)).Quotes[0].MpdCarrierServiceReference
  const results = await client.allocateWithDefaultRules([a, b])
  t.same(results.map(result => result.consignmentReference), [a, b])
  for (const [reference, cheapest] of [[a, cheapestA], [b, cheapestB]]) {
    const consignment = await client.getConsignment(reference ?? '')
    t.equal(consignment.ConsignmentState, 'Allocated')
    t.equal(consignment.Allocation?.MpdCarrierServiceReference, cheapest, 'the cheapest quoted service')
  }
  t.not(cheapestA, cheapestB, 'the heavy parcel goes with another service')

  const { consignmentReference: grouped } = await client.createConsignment(shipmentRequest())
  const [result] = await client.allocateWithServiceGroup(grouped, 'GRP_NEXTDAY')
  t.equal(result.consignmentReference, grouped)
  const consignment = await client.getConsignment(grouped)
  t.equal(consignment.ConsignmentState, 'Allocated')
  t.equal(consignment.Allocation?.CarrierServiceGroupReference, 'GRP_NEXTDAY')
  t.ok(['MPD_RMT24', 'MPD_DPDNEXTDAY'].includes(consignment.Allocation?.MpdCarrierServiceReference ?? ''), 'a service of the group')
})
