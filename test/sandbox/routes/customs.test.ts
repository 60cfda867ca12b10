import t from 'tap'
import { EXPORT_CUSTOMS, orderFromOption, packPackage, pro, referenceOf, shipmentRequest, startSandbox, stats } from '../helper.js'

/** A shipment to Paris with two items; the second has no country of origin and no HS code, and no CustomsDocumentation at all. */
function bareExport (): any {
  const { CustomsDocumentation: _customs, ...body } = shipmentRequest({ country: 'FR', postcode: '75001', items: [{ sku: 'TEAPOT' }, { sku: 'MUG' }] }) as any
  const { CountryOfOrigin: _origin, HarmonisationCode: _hs, ...bareMug } = body.Packages[0].Items[1]
  body.Packages[0].Items[1] = bareMug
  return body
}

const MISSING = [
  'CustomsDocumentation.CategoryType',
  'CustomsDocumentation.DeclarationDate',
  'CustomsDocumentation.ReasonForExport',
  'CustomsDocumentation.ShippingTerms',
  'Packages[0].Items[1].CountryOfOrigin',
  'Packages[0].Items[1].HarmonisationCode'
]

t.test('a shipment leaving the origin country without customs data is refused by options, pickup options and create consignment', async t => {
  const { app } = await startSandbox(t)
  const calls: Array<[string, unknown]> = [
    ['/deliveryoptions', bareExport()],
    ['/deliveryoptions/pickupoptions', { ...bareExport(), Distance: { Unit: 'Km', Value: 5 }, MaxResults: 5 }],
    ['/consignments', bareExport()]
  ]
  for (const [path, body] of calls) {
    const response = await pro(app, 'POST', path, body)
    t.equal(response.status, 400, path)
    t.equal(response.body.Code, 'ValidationFailed', `${path}: PRO's error shape`)
    t.same(response.body.Details.map((detail: any) => detail.Target), MISSING, `${path}: every missing field named`)
    t.ok(response.body.Details.every((detail: any) => detail.Code === 'Required'))
    t.match(response.body.Message, /GB to FR/)
  }
  const after = await stats(app)
  t.same(after.consignments, {}, 'no consignment created')

  const domestic = await pro(app, 'POST', '/deliveryoptions', { ...bareExport(), Addresses: shipmentRequest().Addresses })
  t.equal(domestic.status, 200, 'within GB nothing of this is needed')
})

t.test('customs values outside the documented lists, an unreadable date and a package without contents are refused', async t => {
  const { app } = await startSandbox(t)
  const body = shipmentRequest({ country: 'DE', postcode: '10115', packages: 2 }) as any
  body.CustomsDocumentation = { CategoryType: 'Sale', DeclarationDate: 'tomorrow', ReasonForExport: '  ', ShippingTerms: 'XYZ' }
  const response = await pro(app, 'POST', '/deliveryoptions', body)
  t.equal(response.status, 400)
  t.same(response.body.Details.map((detail: any) => [detail.Code, detail.Target]), [
    ['InvalidValue', 'CustomsDocumentation.CategoryType'],
    ['InvalidValue', 'CustomsDocumentation.DeclarationDate'],
    ['Required', 'CustomsDocumentation.ReasonForExport'],
    ['InvalidValue', 'CustomsDocumentation.ShippingTerms'],
    ['Required', 'Packages[1].Items']
  ])
})

t.test('the order made from an export option keeps its customs data; a consignment packed from it gets customs documents', async t => {
  const { app } = await startSandbox(t)
  const { order } = await orderFromOption(app, { country: 'FR', postcode: '75001' })
  const stored = await pro(app, 'GET', `/orders/${order}`)
  t.strictSame(stored.body.CustomsDocumentation, EXPORT_CUSTOMS)
  t.same(stored.body.Packages[0].Items.map((item: any) => [item.CountryOfOrigin.IsoCode.TwoLetterCode, item.HarmonisationCode]), [['GB', '691200']])

  const packed = await pro(app, 'POST', `/orders/${order}/pack`, { OrderReference: order, Packages: [packPackage([{ Sku: 'SKU-1' }])] })
  t.equal(packed.status, 200, JSON.stringify(packed.body))
  const consignment = referenceOf(packed.body.Results[0].ApiLinks[0].Href)
  t.strictSame((await pro(app, 'GET', `/consignments/${consignment}`)).body.CustomsDocumentation, EXPORT_CUSTOMS)
  t.equal((await pro(app, 'PUT', '/allocation/allocate', { ConsignmentReferences: [consignment] })).status, 200)
  const docs = await pro(app, 'GET', `/consignments/docs/${consignment}`)
  t.equal(docs.status, 200)
  t.equal(docs.body.CommercialInvoiceDocuments.length, 1)
  t.equal(Buffer.from(docs.body.CN22Documents[0].Value, 'base64').subarray(0, 4).toString(), '%PDF')
})

t.test('customs documents are refused, naming the gaps, for a consignment abroad whose pack replaced the customs data with less', async t => {
  const { app } = await startSandbox(t)
  const { order } = await orderFromOption(app, { country: 'FR', postcode: '75001' })
  const packed = await pro(app, 'POST', `/orders/${order}/pack`, { OrderReference: order, Packages: [packPackage([{ Sku: 'SKU-1' }])], CustomsDocumentation: { CategoryType: 'Gift' } })
  const consignment = referenceOf(packed.body.Results[0].ApiLinks[0].Href)
  t.equal((await pro(app, 'PUT', '/allocation/allocate', { ConsignmentReferences: [consignment] })).status, 200)
  const docs = await pro(app, 'GET', `/consignments/docs/${consignment}`)
  t.equal(docs.status, 400)
  t.same(docs.body.Details.map((detail: any) => detail.Target), [
    'CustomsDocumentation.DeclarationDate', 'CustomsDocumentation.ReasonForExport', 'CustomsDocumentation.ShippingTerms'
  ])
})
