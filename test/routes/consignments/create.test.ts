import t from 'tap'
import { buildStaffApp, domesticConsignment, internationalConsignment, simulator, staff } from './helpers.js'

t.test('the same reference posted again answers the same consignment, never a second one', async (t) => {
  const app = await buildStaffApp(t)
  const body = domesticConsignment('CC-IDEM-1')
  const first = await staff(app, 'POST', '/consignments', body)
  t.equal(first.statusCode, 201)
  const again = await staff(app, 'POST', '/consignments', body)
  t.equal(again.statusCode, 200)
  t.same(again.json(), first.json(), 'the same body')
  t.equal(again.headers.location, first.headers.location)

  const createsBefore = (await simulator(app)).counts.createConsignment
  // A PRO that takes its time to create: the others' look-ups arrive before the consignment exists.
  await app.proSimulator!.inject({ method: 'PUT', url: '/_sandbox/faults', payload: { operations: { createConsignment: { latencyMs: 400 } } } })
  const together = await Promise.all([1, 2, 3].map(() => staff(app, 'POST', '/consignments', domesticConsignment('CC-IDEM-2'))))
  await app.proSimulator!.inject({ method: 'DELETE', url: '/_sandbox/faults' })
  const answered = together.filter((r) => r.statusCode === 201 || r.statusCode === 200)
  t.ok(together.some((r) => r.statusCode === 201), 'one of the concurrent posts created it')
  const references = [...new Set(answered.map((r) => r.json().reference))]
  t.equal(references.length, 1, 'concurrent posts name one consignment')
  t.match(references[0], /^EC-/)
  for (const response of together.filter((r) => !answered.includes(r))) {
    t.equal(response.statusCode, 409)
    t.equal(response.json().code, 'OPERATION_IN_PROGRESS', 'the others are told to retry')
  }
  const afterTogether = await simulator(app)
  t.equal(afterTogether.counts.createConsignment - createsBefore, 1, 'PRO was asked to create it once')
  t.same(Object.entries(afterTogether.consignments).filter(([, c]) => c.customerReference === 'CC-IDEM-2').map(([reference]) => reference),
    references, 'and holds one consignment for that reference')

  const changed = await staff(app, 'POST', '/consignments', { ...body, tags: ['Fragile'] })
  t.equal(changed.statusCode, 409)
  t.equal(changed.json().code, 'REFERENCE_IN_USE')

  const stats = await simulator(app)
  t.equal(stats.counts.createConsignment, 2, 'PRO created one consignment per reference')
  t.equal(stats.duplicates.consignments, 0)
})

t.test('an intent a crash left without PRO\'s answer is found in PRO by its reference, not created again', async (t) => {
  const app = await buildStaffApp(t)
  const body = domesticConsignment('CC-CRASH-1')
  const created = (await staff(app, 'POST', '/consignments', body)).json()
  // As if the process stopped after PRO created it and before its reference was recorded: its lease
  // on the reference runs on until it expires.
  await app.db.pool.query("UPDATE consignments SET reference = NULL, state = 'Creating' WHERE reference = $1", [created.reference])
  await app.db.pool.query("INSERT INTO leases (name, owner, expires_at) VALUES ('staff-create:staff:CC-CRASH-1', gen_random_uuid(), now() + interval '30 seconds')")

  const busy = await staff(app, 'POST', '/consignments', body)
  t.equal(busy.statusCode, 409, 'while the first request may still be running')
  t.equal(busy.json().code, 'OPERATION_IN_PROGRESS')
  t.equal(busy.headers['retry-after'], '1')

  await app.db.pool.query("UPDATE leases SET expires_at = now() - interval '1 second' WHERE name = 'staff-create:staff:CC-CRASH-1'")
  const retried = await staff(app, 'POST', '/consignments', body)
  t.equal(retried.statusCode, 201)
  t.equal(retried.json().reference, created.reference, 'the consignment PRO made is adopted')
  const stats = await simulator(app)
  t.equal(stats.counts.createConsignment, 1)
  t.equal(stats.counts.searchConsignments, 1, 'PRO was searched once')
})

t.test('a create PRO certainly refused leaves nothing behind, so the corrected request goes through', async (t) => {
  const app = await buildStaffApp(t)
  const body = domesticConsignment('CC-BADLOC-1')
  const refused = await staff(app, 'POST', '/consignments', { ...body, origin: { shippingLocation: 'NO_SUCH_WAREHOUSE' } })
  t.equal(refused.statusCode, 400)
  t.same(refused.json().errors, [{ field: '/body/origin/shippingLocation', message: 'is not a shipping location of the account' }])
  const { rows } = await app.db.pool.query("SELECT 1 FROM consignments WHERE intent_key = 'staff:CC-BADLOC-1'")
  t.equal(rows.length, 0)
  t.equal((await staff(app, 'POST', '/consignments', body)).statusCode, 201)
})

t.test('an origin with a sender address must give all of it, and is sent with its shipping location', async (t) => {
  const app = await buildStaffApp(t)
  const partial = { ...domesticConsignment('CC-ORIGIN-1'), origin: { shippingLocation: 'WH_BRISTOL', name: 'Bristol Shop' } }
  const refused = await staff(app, 'POST', '/consignments', partial)
  t.equal(refused.statusCode, 400)
  t.same(refused.json().errors.map((e: { field: string }) => e.field), ['/body/origin/email', '/body/origin/addressLines', '/body/origin/town', '/body/origin/postcode', '/body/origin/countryCode'])

  const origin = { shippingLocation: 'WH_BRISTOL', name: 'Bristol Shop', email: 'bristol@example.com', addressLines: ['1 Broad Street'], town: 'Bristol', postcode: 'BS1 2HG', countryCode: 'GB' }
  const created = await staff(app, 'POST', '/consignments', { ...domesticConsignment('CC-ORIGIN-1'), origin })
  t.equal(created.statusCode, 201, created.body)
  t.match(created.json(), { shippingLocation: 'WH_BRISTOL', international: false })
})

t.test('the destination needs an email (PRO\'s Create Consignment contact requires one); every contact goes with a title', async (t) => {
  const app = await buildStaffApp(t, { DEFAULT_CONTACT_TITLE: 'Mx' })
  const { email: _email, ...noEmail } = domesticConsignment('CC-EMAIL-1').destination as Record<string, unknown>
  const refused = await staff(app, 'POST', '/consignments', { ...domesticConsignment('CC-EMAIL-1'), destination: noEmail })
  t.equal(refused.statusCode, 400)
  t.same(refused.json().errors.map((e: { field: string }) => e.field), ['/body/destination/email'])
  t.equal((await simulator(app)).counts.createConsignment ?? 0, 0, 'PRO was not asked')

  const origin = { shippingLocation: 'WH_BRISTOL', title: 'Ms', name: 'Bristol Shop', email: 'bristol@example.com', addressLines: ['1 Broad Street'], town: 'Bristol', postcode: 'BS1 2HG', countryCode: 'GB' }
  const created = await staff(app, 'POST', '/consignments', { ...domesticConsignment('CC-EMAIL-1'), origin })
  t.equal(created.statusCode, 201, created.body)
  const headers = { 'ocp-apim-subscription-key': 'in-process-simulator', 'electio-api-version': '1.1' }
  const inPro = (await app.proSimulator!.inject({ method: 'GET', url: `/consignments/${created.json().reference}`, headers })).json()
  const contact = (type: string) => inPro.Addresses.find((address: { AddressType: string }) => address.AddressType === type).Contact
  t.match(contact('Destination'), { Title: 'Mx', Email: 'ada@example.com' }, 'the configured title when staff give none')
  t.match(contact('Origin'), { Title: 'Ms', Email: 'bristol@example.com' }, 'the title given')
})

t.test('an international consignment without customs data is refused, naming every missing field', async (t) => {
  const app = await buildStaffApp(t)
  const response = await staff(app, 'POST', '/consignments', internationalConsignment('CC-INTL-0', false))
  t.equal(response.statusCode, 400)
  t.equal(response.json().code, 'VALIDATION_FAILED')
  t.same(response.json().errors.map((e: { field: string }) => e.field).sort(), [
    '/body/customs/category',
    '/body/customs/invoiceDate',
    '/body/customs/reasonForExport',
    '/body/customs/shippingTerms',
    '/body/packages/0/items/0/countryOfOrigin',
    '/body/packages/0/items/0/hsCode',
    '/body/packages/0/items/0/value'
  ])
  t.equal((await simulator(app)).counts.createConsignment, 0, 'PRO was not asked')

  const fromAbroad = { ...domesticConsignment('CC-INTL-1'), origin: { shippingLocation: 'EDC5_Electio', name: 'Dublin Shop', addressLines: ['1 Grafton Street'], town: 'Dublin', postcode: 'D02 X285', countryCode: 'IE' } }
  const refused = await staff(app, 'POST', '/consignments', fromAbroad)
  t.equal(refused.statusCode, 400, 'the sender address country counts: IE → GB is international')
  t.ok(refused.json().errors.some((e: { field: string }) => e.field === '/body/customs/category'))
})

t.test('schema problems are 400 with the failing fields', async (t) => {
  const app = await buildStaffApp(t)
  const response = await staff(app, 'POST', '/consignments', { ...domesticConsignment(''), packages: [] })
  t.equal(response.statusCode, 400)
  const fields = response.json().errors.map((e: { field: string }) => e.field)
  t.ok(fields.includes('/body/reference'))
  t.ok(fields.includes('/body/packages'))
})
