import t from 'tap'
import { buildStaffApp, domesticConsignment, internationalConsignment, staff } from './helpers.js'

t.test('an international consignment gets its customs documents, each downloadable as a PDF', async (t) => {
  const app = await buildStaffApp(t)
  const created = await staff(app, 'POST', '/consignments', internationalConsignment('CC-INTL-DOCS'))
  t.equal(created.statusCode, 201, created.body)
  const { reference, international } = created.json()
  t.equal(international, true)

  const early = await staff(app, 'GET', `/consignments/${reference}/customs-documents`)
  t.equal(early.statusCode, 409)
  t.equal(early.json().code, 'NOT_ALLOCATED')
  const earlyLabel = await staff(app, 'GET', `/consignments/${reference}/label`)
  t.equal(earlyLabel.statusCode, 409)
  t.match(earlyLabel.json(), { code: 'NOT_ALLOCATED', state: 'Unallocated' })

  const { quotes } = (await staff(app, 'GET', `/consignments/${reference}/quotes`)).json()
  t.ok(quotes.length >= 1, 'international services quote it')
  const allocated = await staff(app, 'POST', `/consignments/${reference}/allocation`, { quoteReference: quotes[0].quoteReference })
  t.equal(allocated.statusCode, 200, allocated.body)

  const listed = await staff(app, 'GET', `/consignments/${reference}/customs-documents`)
  t.equal(listed.statusCode, 200)
  const { required, documents } = listed.json()
  t.equal(required, true)
  t.same(documents.map((d: { type: string }) => d.type).sort(), ['CN22', 'CommercialInvoice'])
  for (const document of documents) {
    const file = await staff(app, 'GET', document.url)
    t.equal(file.statusCode, 200)
    t.equal(file.headers['content-type'], 'application/pdf')
    t.equal(file.headers['content-disposition'], `attachment; filename="${document.name}.pdf"`)
    t.equal(file.rawPayload.subarray(0, 4).toString('latin1'), '%PDF')
  }
  const missing = await staff(app, 'GET', `/consignments/${reference}/customs-documents/NOPE_${reference.replace(/-/g, '')}`)
  t.equal(missing.statusCode, 404)
  t.equal(missing.json().code, 'NOT_FOUND')
})

t.test('a domestic consignment needs no customs documents', async (t) => {
  const app = await buildStaffApp(t)
  const { reference } = (await staff(app, 'POST', '/consignments', domesticConsignment('CC-DOM-DOCS'))).json()
  const listed = await staff(app, 'GET', `/consignments/${reference}/customs-documents`)
  t.equal(listed.statusCode, 200)
  t.same(listed.json(), { required: false, documents: [] })
})

t.test('unknown consignments and consignments of storefront orders are not found here', async (t) => {
  const app = await buildStaffApp(t)
  const unknown = await staff(app, 'GET', '/consignments/EC-999-999-999')
  t.equal(unknown.statusCode, 404)
  t.equal(unknown.json().code, 'CONSIGNMENT_NOT_FOUND')
  await app.db.pool.query(
    "INSERT INTO consignments (id, intent_key, source, reference, state) VALUES (gen_random_uuid(), 'order-1/EDC5_Electio', 'checkout', 'EC-000-000-0AB', 'Allocated')")
  const storefront = await staff(app, 'GET', '/consignments/EC-000-000-0AB/label')
  t.equal(storefront.statusCode, 404)
  const badFormat = await staff(app, 'GET', '/consignments/EC-000-000-0AB/label?format=gif')
  t.equal(badFormat.statusCode, 400)
  const badReference = await staff(app, 'GET', '/consignments/not-a-reference')
  t.equal(badReference.statusCode, 400)
})
