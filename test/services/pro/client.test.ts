import t from 'tap'
import { harness, json, rejection } from './harness.js'
import { ProInvalidResponseError, ProRejectedError, isProError } from '../../../src/services/pro/errors.js'

const link = (reference: string, rel = 'detail') => ({ Rel: rel, Href: `https://api.electioapp.com/consignments/${reference}` })

t.test('malformed JSON in a 2xx answer is ProInvalidResponseError', async (t) => {
  const { client, pro } = harness(t)
  pro.intercept({ path: '/orders/EO-1', method: 'GET' }).reply(200, '{"OrderReference": "EO-1"')
  const error = await rejection(client.getOrder('EO-1'))
  t.type(error, ProInvalidResponseError)
  t.equal((error as ProInvalidResponseError).code, 'UPSTREAM_INVALID_RESPONSE')
  t.equal((error as ProInvalidResponseError).status, 502)
})

t.test('an answer that does not match the schema lists what failed, for the logs', async (t) => {
  const { client, pro } = harness(t)
  pro.intercept({ path: '/deliveryoptions', method: 'POST' }).reply(200, json({ DeliveryOptions: [{ Reference: 42 }] }))
  const error = await rejection(client.deliveryOptions({ Packages: [{}], Addresses: [{ AddressType: 'Origin' }] }))
  t.type(error, ProInvalidResponseError)
  const paths = (error as ProInvalidResponseError).problems.map((problem) => problem.path)
  t.ok(paths.includes('/DeliveryOptions/0/Reference'), `problems name the field: ${paths.join(', ')}`)
})

t.test("PRO's error body becomes ProRejectedError; its text stays out of the public detail", async (t) => {
  const { client, pro } = harness(t)
  const body = {
    Code: 'DeliveryOptionExpired',
    Message: 'Option EDO-1 expired at 15:30 (secret internals)',
    CorrelationId: 'f94c7dbc-c542-40b9-b6da-bd98aa110939',
    Details: [{ Code: 'Expired', Target: 'DeliveryOptions[0].Reference', Message: 'expired' }]
  }
  pro.intercept({ path: '/deliveryoptions/selectorder', method: 'POST' }).reply(400, json(body))
  const error = await rejection(client.selectOrder({ DeliveryOptions: [{ Reference: 'EDO-1' }] })) as ProRejectedError
  t.type(error, ProRejectedError)
  t.ok(isProError(error))
  t.match(error, {
    code: 'UPSTREAM_REJECTED',
    status: 502,
    upstreamStatus: 400,
    proCode: body.Code,
    proMessage: body.Message,
    correlationId: body.CorrelationId,
    details: body.Details,
    outcomeUnknown: false,
    op: 'selectOrder'
  })
  t.notMatch(error.detail, /secret internals|DeliveryOptionExpired/)
  t.notMatch(error.message, /secret internals/)
})

t.test('an opaque 401 from the gateway is ProRejectedError without PRO fields', async (t) => {
  const { client, pro } = harness(t)
  pro.intercept({ path: '/orders/EO-1', method: 'GET' }).reply(401, '<html>Access denied</html>')
  const error = await rejection(client.getOrder('EO-1')) as ProRejectedError
  t.match(error, { upstreamStatus: 401, proCode: undefined, proMessage: undefined, details: [] })
})

t.test('path parameters are URL-encoded', async (t) => {
  const { client, pro } = harness(t)
  pro.intercept({ path: '/consignments/EC%2F1%20x%3F', method: 'GET' })
    .reply(200, json({ Reference: 'EC/1 x?', ConsignmentState: 'Allocated' }))
  pro.intercept({ path: '/allocation/EC-1/allocatewithquote/a%2Fb', method: 'PUT' }).reply(200, json([{ ApiLinks: [link('EC-1')] }]))
  t.equal((await client.getConsignment('EC/1 x?')).Reference, 'EC/1 x?')
  t.equal((await client.allocateWithQuote('EC-1', 'a/b')).length, 1)
})

t.test('consignment states are normalised in reads and searches', async (t) => {
  const { client, pro } = harness(t)
  pro.intercept({ path: '/consignments/EC-1', method: 'GET' }).reply(200, json({ Reference: 'EC-1', ConsignmentState: 'Manifest Failed' }))
  pro.intercept({ path: '/consignments/20/40?State=Allocation+Failed&Direction=Outbound', method: 'GET' }).reply(200, json({
    Count: 1,
    ConsignmentSummaries: [{ Reference: 'EC-1', State: 'allocation failed' }]
  }))
  t.equal((await client.getConsignment('EC-1')).ConsignmentState, 'ManifestFailed')
  const found = await client.searchConsignments({ State: 'Allocation Failed', Direction: 'Outbound' }, 20, 40)
  t.equal(found.ConsignmentSummaries[0]?.State, 'AllocationFailed')
})

t.test('findConsignmentReferences sends the filters as a query string', async (t) => {
  const { client, pro } = harness(t)
  pro.intercept({ path: '/consignments/getConsignmentReferences?ConsignmentReferenceProvidedByCustomer=order+1%2Fwh%3DA', method: 'GET' })
    .reply(200, json(['EC-000-000-001']))
  t.same(await client.findConsignmentReferences({ ConsignmentReferenceProvidedByCustomer: 'order 1/wh=A' }), ['EC-000-000-001'])
})

t.test('allocation answers are arrays, each with the consignment it names', async (t) => {
  const { client, pro } = harness(t)
  pro.intercept({ path: '/allocation/EC-1/allocatewithservicegroup/NEXT_DAY', method: 'PUT' })
    .reply(200, json({ ApiLinks: [link('EC-1')], CarrierName: 'DPD' }))
  pro.intercept({ path: '/allocation/allocatewithcarrierservice', method: 'PUT', body: json({ MpdCarrierServiceReference: 'MPD_X', ConsignmentReferences: ['EC-2', 'EC-3'] }) })
    .reply(200, json([
      { ApiLinks: [{ Rel: 'label', Href: 'https://api.electioapp.com/labels/EC-2/' }] },
      { StatusCode: 400, Description: 'Consignment EC-3 could not be allocated' }
    ]))
  const single = await client.allocateWithServiceGroup('EC-1', 'NEXT_DAY')
  t.same(single.map((result) => [result.consignmentReference, result.summary.CarrierName]), [['EC-1', 'DPD']])
  const many = await client.allocateWithCarrierService('MPD_X', ['EC-2', 'EC-3'])
  t.same(many.map((result) => result.consignmentReference), ['EC-2', 'EC-3'])
})

t.test('createConsignment and packOrder answer references taken from the links', async (t) => {
  const { client, pro } = harness(t)
  pro.intercept({ path: '/consignments', method: 'POST' }).reply(201, json([link('EC-000-05B-MMA', 'Link')]))
  pro.intercept({ path: '/orders/EO-1/pack', method: 'POST' }).reply(200, json({
    Results: [
      { Result: 'ConsignmentCreated', ApiLinks: [link('EC-A', 'Consignment')] },
      { Result: 'ConsignmentCreated', ApiLinks: [link('EC-B', 'Consignment')] }
    ]
  }))
  pro.intercept({ path: '/orders/EO-2/pack', method: 'POST' }).reply(200, json({ Results: [{ Result: 'ConsignmentCreated', ApiLinks: [] }] }))
  const body = { Packages: [{}], Addresses: [{ AddressType: 'Origin', ShippingLocationReference: 'EDC5_Electio' }] }
  t.same(await client.createConsignment(body), { consignmentReference: 'EC-000-05B-MMA' })
  const pack = { OrderReference: 'EO-1', GenerateReturn: true, Packages: [{ Items: [{ Sku: 'S', Quantity: 1 }] }] }
  t.same(await client.packOrder('EO-1', pack), { consignmentReferences: ['EC-A', 'EC-B'] })
  const error = await rejection(client.packOrder('EO-2', { ...pack, OrderReference: 'EO-2' }))
  t.type(error, ProInvalidResponseError, 'a pack that names no consignment cannot be trusted')
})

t.test('labels come back decoded, typed by the format asked for (PRO says application/pdf for every format)', async (t) => {
  const { client, pro } = harness(t)
  const zpl = Buffer.from('^XA^FO50,50^FDEC-1^FS^XZ')
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  pro.intercept({ path: '/labels/EC-1/ZPL', method: 'GET' }).reply(200, json({ File: zpl.toString('base64'), ContentType: 'application/pdf' }))
  pro.intercept({ path: '/labels/EC-1/PNG', method: 'GET' }).reply(200, json({ File: png.toString('base64'), ContentType: 'application/pdf' }))
  pro.intercept({ path: '/labels/EC-1', method: 'GET' }).reply(200, json({ File: 'JVBERi0xLjQK', ContentType: 'application/pdf' }))
  const label = await client.label('EC-1', 'ZPL')
  t.equal(label.contentType, 'application/zpl')
  t.ok(label.data.equals(zpl))
  t.equal((await client.label('EC-1', 'PNG')).contentType, 'image/png')
  const plain = await client.label('EC-1')
  t.equal(plain.data.toString(), '%PDF-1.4\n')
  t.equal(plain.contentType, 'application/pdf', 'without a format PRO answers a PDF')
})

t.test('customs documents come back decoded, each with its kind', async (t) => {
  const { client, pro } = harness(t)
  const encode = (text: string) => Buffer.from(text).toString('base64')
  pro.intercept({ path: '/consignments/docs/EC-1', method: 'GET' }).reply(200, json({
    CommercialInvoiceDocuments: [{ Key: 'INV_EC-1.pdf', Value: encode('invoice') }],
    CN22Documents: null,
    CN23Documents: [{ Key: 'CN23_EC-1.pdf', Value: encode('cn23') }]
  }))
  const documents = await client.customsDocuments('EC-1')
  t.same(documents.map((document) => [document.name, document.kind, document.data.toString()]), [
    ['INV_EC-1.pdf', 'CommercialInvoice', 'invoice'],
    ['CN23_EC-1.pdf', 'CN23', 'cn23']
  ])
})

t.test('manifest calls and cancel use the documented methods and bodies', async (t) => {
  const { client, pro } = harness(t)
  const query = { States: ['Allocated'], ShippingLocationReferences: ['EDC5_Electio'] }
  pro.intercept({ path: '/consignments/manifestFromQuery', method: 'PUT', body: json(query) })
    .reply(200, json({ Message: 'Query found 1 consignment(s). 1 successfully queued to manifest. 0 failed to be added to the queue' }))
  pro.intercept({ path: '/consignments/manifest', method: 'PUT', body: json({ ConsignmentReferences: ['EC-1'] }) })
    .reply(200, json([{ IsSuccess: false, Message: 'not allocated', Data: 'EC-1', ApiLinks: null }]))
  pro.intercept({ path: '/consignments/EC-1/cancel', method: 'PUT' }).reply(200, '')
  t.match(await client.manifestFromQuery(query), { Message: /1 successfully queued/ })
  t.same((await client.manifestConsignments(['EC-1'])).map((result) => result.IsSuccess), [false])
  t.equal(await client.cancelConsignment('EC-1'), undefined)
})

t.test('searchConsignments refuses impossible paging before calling PRO', async (t) => {
  const { client } = harness(t)
  await t.rejects(client.searchConsignments({}, -1, 0), RangeError)
  await t.rejects(client.searchConsignments({}, 10, 1.5), RangeError)
})
