import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { allocatedConsignment, createConsignment, pro, shipmentRequest, startSandbox, stats } from '../helper.js'

async function createTagged (app: FastifyInstance): Promise<string> {
  const created = await pro(app, 'POST', '/consignments', { ...shipmentRequest(), Tags: ['HighValue'] })
  return created.body[0].Href.split('/').pop()
}

t.test('default rules allocate the cheapest service and give every package a tracking number', async t => {
  const { app } = await startSandbox(t)
  const reference = await createConsignment(app, { packages: 2 })
  const { status, body } = await pro(app, 'PUT', '/allocation/allocate', { ConsignmentReferences: [reference] })
  t.equal(status, 200)
  t.equal(body.length, 1)
  const [summary] = body
  t.equal(summary.StatusCode, 200)
  t.equal(summary.CarrierServiceReference, 'MPD_EVRI48', 'Evri 48 is the cheapest for 2 kg')
  t.equal(summary.CarrierReference, 'EVRI')
  t.same(summary.ApiLinks.map((link: any) => link.Rel), ['detail', 'label'])
  t.match(summary.Description, `Consignment ${reference} has been successfully allocated with Evri Standard 48 for shipping on 02/06/2025 16:00:00 +00:00`)
  t.equal(summary.ConsignmentLegs[0].TrackingReferences.length, 2)
  const consignment = (await pro(app, 'GET', `/consignments/${reference}`)).body
  t.equal(consignment.ConsignmentState, 'Allocated')
  t.equal(consignment.Allocation.MpdCarrierServiceReference, 'MPD_EVRI48')
  t.equal(consignment.LabelCount, 2)
  t.same(consignment.Packages.map((pkg: any) => pkg.ConsignmentLegs[0].TrackingReferences[0]), summary.ConsignmentLegs[0].TrackingReferences)
  const recorded = (await stats(app)).consignments[reference]
  t.match(recorded, { state: 'Allocated', carrier: 'EVRI', service: 'MPD_EVRI48', shippingLocation: 'EDC5_Electio' })
  t.equal(recorded.trackingNumbers.length, 2)
})

t.test('allocating an allocated consignment is refused and counted as a duplicate allocation', async t => {
  const { app } = await startSandbox(t)
  const reference = await allocatedConsignment(app)
  const fresh = await createConsignment(app)
  const again = await pro(app, 'PUT', '/allocation/allocatewithcarrierservice', { MpdCarrierServiceReference: 'MPD_DPDNEXTDAY', ConsignmentReferences: [fresh, reference] })
  t.equal(again.status, 400)
  t.equal(again.body.Code, 'InvalidConsignmentState')
  t.equal(again.body.Details[0].Target, reference)
  t.equal((await pro(app, 'GET', `/consignments/${fresh}`)).body.ConsignmentState, 'Unallocated', 'nothing of the call was applied')
  await pro(app, 'PUT', `/allocation/${reference}/allocatewithservicegroup/GRP_NEXTDAY`)
  t.equal((await stats(app)).duplicates.allocations, 2)
  t.equal((await pro(app, 'PUT', '/allocation/allocate', { ConsignmentReferences: ['EC-000-000-000'] })).status, 404)
})

t.test('a carrier service that cannot deliver leaves the consignment AllocationFailed, which can be retried', async t => {
  const { app } = await startSandbox(t)
  const reference = await createConsignment(app)
  const unknown = await pro(app, 'PUT', '/allocation/allocatewithcarrierservice', { MpdCarrierServiceReference: 'MPD_NO_SUCH', ConsignmentReferences: [reference] })
  t.equal(unknown.status, 400)
  t.equal(unknown.body.Code, 'AllocationFailed')
  t.equal(unknown.body.Details[0].Target, reference)
  const failed = (await pro(app, 'GET', `/consignments/${reference}`)).body
  t.equal(failed.ConsignmentState, 'AllocationFailed')
  t.equal(failed.FailedAllocation.MpdCarrierServiceReference, 'MPD_NO_SUCH')
  const abroad = await pro(app, 'PUT', '/allocation/allocatewithcarrierservice', { MpdCarrierServiceReference: 'MPD_DPDCLASSIC', ConsignmentReferences: [reference] })
  t.match(abroad.body.Details[0].Message, /not available between the selected addresses/, 'an international service cannot take a domestic parcel')
  const retried = await pro(app, 'PUT', '/allocation/allocatewithcarrierservice', { MpdCarrierServiceReference: 'MPD_DPDNEXTDAY', ConsignmentReferences: [reference] })
  t.equal(retried.status, 200)
  t.equal(retried.body[0].CarrierServiceReference, 'MPD_DPDNEXTDAY')
  t.equal((await stats(app)).duplicates.allocations, 0, 'retrying a failed allocation is no duplicate')
})

t.test('a tagged consignment goes only to a service carrying all its tags', async t => {
  const { app } = await startSandbox(t)
  const { body } = await pro(app, 'PUT', '/allocation/allocate', { ConsignmentReferences: [await createTagged(app)] })
  t.equal(body[0].CarrierServiceReference, 'MPD_RMSDAM', 'the only HighValue service, although not the cheapest')
  const refused = await pro(app, 'PUT', '/allocation/allocatewithcarrierservice', { MpdCarrierServiceReference: 'MPD_EVRI48', ConsignmentReferences: [await createTagged(app)] })
  t.match(refused.body.Details[0].Message, /tag/)
})

t.test('service group allocation picks the cheapest service of the group', async t => {
  const { app } = await startSandbox(t)
  const reference = await createConsignment(app)
  const { status, body } = await pro(app, 'PUT', `/allocation/${reference}/allocatewithservicegroup/GRP_TIMED`)
  t.equal(status, 200)
  t.equal(body[0].CarrierServiceReference, 'MPD_EVRINDPM')
  t.equal((await pro(app, 'GET', `/consignments/${reference}`)).body.Allocation.CarrierServiceGroupReference, 'GRP_TIMED')
  const other = await createConsignment(app)
  const unknown = await pro(app, 'PUT', `/allocation/${other}/allocatewithservicegroup/GRP_NOPE`)
  t.equal(unknown.status, 404)
  t.equal(unknown.body.Code, 'ServiceGroupNotFound')
  const heavy = await createConsignment(app, { weightKg: 25 })
  const tooHeavy = await pro(app, 'PUT', `/allocation/${heavy}/allocatewithservicegroup/GRP_ECONOMY`)
  t.equal(tooHeavy.body.Code, 'AllocationFailed', 'no economy service takes 25 kg')
})

t.test('quotes, and allocation with a quote that must be current and for this consignment', async t => {
  const { app, clock } = await startSandbox(t)
  const reference = await createConsignment(app)
  const other = await createConsignment(app)
  const quotes = await pro(app, 'GET', `/quotes/consignment/${reference}`)
  t.equal(quotes.status, 200)
  t.match(quotes.body.QuoteRequestReference, /^[0-9a-f-]{36}$/)
  const offered: any[] = quotes.body.Quotes
  t.ok(offered.length >= 5)
  t.ok(offered.every(quote => quote.ConsignmentReference === reference && /^[0-9a-f-]{36}$/.test(quote.QuoteReference)))
  t.ok(quotes.body.UnqualifiedServices.some((service: any) => service.MpdCarrierServiceReference === 'MPD_DPDCLASSIC'))
  t.equal(offered[0].ExpiryDate, '2025-06-02T10:30:00+01:00', 'quotes live 30 minutes')
  const chosen = offered.find(quote => quote.MpdCarrierServiceReference === 'MPD_DPDAM')

  t.equal((await pro(app, 'PUT', `/allocation/${reference}/allocatewithquote/00000000-0000-0000-0000-000000000000`)).status, 404)
  const foreign = await pro(app, 'PUT', `/allocation/${other}/allocatewithquote/${chosen.QuoteReference}`)
  t.equal(foreign.status, 400)
  t.equal(foreign.body.Code, 'QuoteConsignmentMismatch')

  clock.advance(31 * 60 * 1000)
  const expired = await pro(app, 'PUT', `/allocation/${reference}/allocatewithquote/${chosen.QuoteReference}`)
  t.equal(expired.status, 400)
  t.equal(expired.body.Code, 'QuoteExpired')
  t.equal((await pro(app, 'GET', `/consignments/${reference}`)).body.ConsignmentState, 'Unallocated')

  const fresh = (await pro(app, 'GET', `/quotes/consignment/${reference}`)).body.Quotes.find((quote: any) => quote.MpdCarrierServiceReference === 'MPD_DPDAM')
  const allocated = await pro(app, 'PUT', `/allocation/${reference}/allocatewithquote/${fresh.QuoteReference}`)
  t.equal(allocated.status, 200)
  t.ok(Array.isArray(allocated.body), 'an array of one summary, as in the documentation')
  t.equal(allocated.body[0].CarrierServiceReference, 'MPD_DPDAM')
  t.equal((await pro(app, 'GET', `/consignments/${reference}`)).body.Allocation.Price.Gross, fresh.Price.Gross, 'the quoted price is kept')
  t.equal((await stats(app)).counts.allocate, 4)
})

t.test('quotes for a consignment nothing can carry: Quotes is null', async t => {
  const { app } = await startSandbox(t)
  const reference = await createConsignment(app, { weightKg: 100 })
  const { status, body } = await pro(app, 'GET', `/quotes/consignment/${reference}`)
  t.equal(status, 200)
  t.equal(body.Quotes, null)
  t.match(body.Message, /No carrier service/)
  t.ok(body.UnqualifiedServices.length > 0, 'the services it could not use, with their reasons')
})

t.test('the allocationFailureRate fault fails entries inside a 200 answer, each with its StatusCode', async t => {
  // Rolls in call order: the first consignment's roll passes, the second's fails.
  const rolls = [0.9, 0.1]
  const { app } = await startSandbox(t, { random: () => rolls.shift() ?? 0.999 })
  const kept = await createConsignment(app)
  const failed = await createConsignment(app)
  await app.inject({ method: 'PUT', url: '/_sandbox/faults', payload: { operations: { allocate: { allocationFailureRate: 0.5 } } } })
  const { status, body } = await pro(app, 'PUT', '/allocation/allocate', { ConsignmentReferences: [kept, failed] })
  t.equal(status, 200, 'the call itself succeeded')
  t.equal(body.length, 2)
  t.match(body[0], { StatusCode: 200, CarrierServiceReference: 'MPD_EVRI48' })
  t.match(body[0].ApiLinks[0].Href, kept)
  t.match(body[1], { StatusCode: 400, ConsignmentLegs: null, CarrierReference: null, CarrierName: null, CarrierServiceReference: null })
  t.match(body[1].ApiLinks[0].Href, failed, 'the failed entry names its consignment')
  t.match(body[1].Description, failed)
  t.equal((await pro(app, 'GET', `/consignments/${kept}`)).body.ConsignmentState, 'Allocated')
  t.equal((await pro(app, 'GET', `/consignments/${failed}`)).body.ConsignmentState, 'AllocationFailed')
  await app.inject({ method: 'DELETE', url: '/_sandbox/faults' })
  const retried = await pro(app, 'PUT', '/allocation/allocate', { ConsignmentReferences: [failed] })
  t.match(retried.body, [{ StatusCode: 200 }], 'without the fault it allocates')
})
