import t from 'tap'
import { allocatedConsignment, createConsignment, pro, startSandbox, stats } from '../helper.js'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function decode (body: { File: string }): Buffer {
  return Buffer.from(body.File, 'base64')
}

t.test('labels exist only once the consignment is allocated', async t => {
  const { app } = await startSandbox(t)
  const reference = await createConsignment(app)
  const early = await pro(app, 'GET', `/labels/${reference}/PDF`)
  t.equal(early.status, 400)
  t.equal(early.body.Code, 'InvalidConsignmentState')
  t.equal((await pro(app, 'GET', `/consignments/${reference}`)).body.LabelsPrinted, false)
  t.equal((await pro(app, 'GET', '/labels/EC-000-000-000/PDF')).status, 404)
  t.equal((await stats(app)).counts.labels, 2)
})

t.test('labels come in every format with the right file signature, each answer saying application/pdf as documented', async t => {
  const { app } = await startSandbox(t)
  const reference = await allocatedConsignment(app, { packages: 2 })
  const cases: Array<[string, (file: Buffer) => boolean]> = [
    ['PDF', file => file.subarray(0, 4).toString() === '%PDF'],
    ['pdf', file => file.subarray(0, 4).toString() === '%PDF'],
    ['PNG', file => file.subarray(0, 8).equals(PNG_SIGNATURE)],
    ['zpl', file => file.toString().startsWith('^XA')],
    ['ZPLII', file => file.toString().startsWith('^XA')]
  ]
  for (const [format, signed] of cases) {
    const { status, body } = await pro(app, 'GET', `/labels/${reference}/${format}`)
    t.equal(status, 200, format)
    t.equal(body.ContentType, 'application/pdf', `${format}: PRO-API.md §7.6, every label call answers application/pdf`)
    t.ok(signed(decode(body)), `${format} file signature`)
  }
  const trackingNumbers: string[] = (await stats(app)).consignments[reference].trackingNumbers
  const zpl = decode((await pro(app, 'GET', `/labels/${reference}/ZPL`)).body).toString()
  for (const trackingNumber of trackingNumbers) t.match(zpl, trackingNumber, 'one label per package carries its tracking number')
  const plain = await pro(app, 'GET', `/labels/${reference}`)
  t.equal(plain.body.ContentType, 'application/pdf', 'without a format the label is a PDF')
  const consignment = (await pro(app, 'GET', `/consignments/${reference}`)).body
  t.equal(consignment.LabelsPrinted, true)
  t.equal(consignment.DateLabelsWereFirstPrinted, '2025-06-02T09:00:00.000+00:00')
})

t.test('an unknown label format is a 400 naming labelFormat', async t => {
  const { app } = await startSandbox(t)
  const reference = await allocatedConsignment(app)
  const { status, body } = await pro(app, 'GET', `/labels/${reference}/GIF`)
  t.equal(status, 400)
  t.equal(body.Code, 'InvalidLabelFormat')
  t.equal(body.Details[0].Target, 'labelFormat')
})

t.test('customs documents: none for a domestic parcel, invoice plus CN22 or CN23 abroad', async t => {
  const { app } = await startSandbox(t)
  const unallocated = await createConsignment(app, { country: 'FR', postcode: '75001' })
  t.equal((await pro(app, 'GET', `/consignments/docs/${unallocated}`)).status, 400, 'only for allocated consignments')

  const domestic = await allocatedConsignment(app)
  const none = await pro(app, 'GET', `/consignments/docs/${domestic}`)
  t.equal(none.status, 200)
  t.same(none.body, { CommercialInvoiceDocuments: null, CN22Documents: null, CN23Documents: null }, 'empty lists are null')

  const cheap = await allocatedConsignment(app, { country: 'FR', postcode: '75001', items: [{ sku: 'SOCKS', quantity: 2, value: 20 }] })
  const small = await pro(app, 'GET', `/consignments/docs/${cheap}`)
  t.equal(small.body.CommercialInvoiceDocuments.length, 1)
  t.equal(small.body.CN22Documents.length, 1)
  t.equal(small.body.CN23Documents, null)
  t.equal(decode({ File: small.body.CommercialInvoiceDocuments[0].Value }).subarray(0, 4).toString(), '%PDF')
  t.equal(decode({ File: small.body.CN22Documents[0].Value }).subarray(0, 4).toString(), '%PDF')
  t.match(small.body.CN22Documents[0].Key, cheap)

  const dear = await allocatedConsignment(app, { country: 'DE', postcode: '10115', items: [{ sku: 'WATCH', quantity: 1, value: 450 }] })
  const large = await pro(app, 'GET', `/consignments/docs/${dear}`)
  t.equal(large.body.CN23Documents.length, 1, 'above 270 GBP a CN23')
  t.equal(large.body.CN22Documents, null)
})
