import t from 'tap'
import { buildStaffApp, domesticConsignment, simulator, staff, waitForLabel } from './helpers.js'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

t.test('create → quotes → allocate with the second-cheapest → labels in every format → manifest, exactly once', async (t) => {
  const app = await buildStaffApp(t, { LABEL_FORMAT: 'zpl' })

  const created = await staff(app, 'POST', '/consignments', domesticConsignment('CC-FLOW-1'))
  t.equal(created.statusCode, 201, created.body)
  const consignment = created.json()
  t.match(consignment.reference, /^EC-[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$/)
  t.equal(created.headers.location, `/consignments/${consignment.reference}`)
  t.match(consignment, { customerReference: 'CC-FLOW-1', state: 'Unallocated', shippingLocation: 'EDC5_Electio', international: false, allocation: null })

  const quoted = await staff(app, 'GET', `/consignments/${consignment.reference}/quotes`)
  t.equal(quoted.statusCode, 200, quoted.body)
  const { quotes, unavailable } = quoted.json()
  t.ok(quotes.length >= 2, `${quotes.length} quotes`)
  const grosses = quotes.map((q: { price: { gross: string } }) => Number(q.price.gross))
  t.same(grosses, [...grosses].sort((a, b) => a - b), 'cheapest (gross) first')
  t.ok(unavailable.length > 0, 'the services that cannot carry it are listed with a reason')
  t.ok(unavailable.every((u: { reason: string }) => u.reason.length > 0))
  const chosen = quotes[1]
  t.ok(Date.parse(chosen.expiresAt) > Date.now(), 'the quote has an expiry in the future')

  const allocated = await staff(app, 'POST', `/consignments/${consignment.reference}/allocation`, { quoteReference: chosen.quoteReference })
  t.equal(allocated.statusCode, 200, allocated.body)
  const allocation = allocated.json().allocation
  t.match(allocation, { quoteReference: chosen.quoteReference, serviceReference: chosen.serviceReference, price: chosen.price })
  t.ok(allocation.trackingReferences.length > 0, 'tracking references are answered')
  t.equal(allocated.json().state, 'Allocated')

  // The label job stores the label in LABEL_FORMAT in the background.
  await waitForLabel(app, consignment.reference, 'zpl')

  const pdf = await staff(app, 'GET', `/consignments/${consignment.reference}/label?format=pdf`)
  t.equal(pdf.statusCode, 200)
  t.equal(pdf.headers['content-type'], 'application/pdf')
  t.equal(pdf.headers['content-disposition'], `attachment; filename="${consignment.reference}.pdf"`)
  t.equal(pdf.rawPayload.subarray(0, 4).toString('latin1'), '%PDF')

  const png = await staff(app, 'GET', `/consignments/${consignment.reference}/label?format=png`)
  t.equal(png.statusCode, 200)
  t.equal(png.headers['content-type'], 'image/png')
  t.same(png.rawPayload.subarray(0, 8), PNG_SIGNATURE)

  for (const format of ['zpl', 'zplii']) {
    const zpl = await staff(app, 'GET', `/consignments/${consignment.reference}/label?format=${format}`)
    t.equal(zpl.statusCode, 200)
    t.equal(zpl.headers['content-type'], 'application/zpl')
    t.equal(zpl.headers['content-disposition'], `attachment; filename="${consignment.reference}.zpl"`)
    t.equal(zpl.rawPayload.subarray(0, 3).toString('latin1'), '^XA', `${format} starts ^XA`)
  }
  const before = await simulator(app)
  const again = await staff(app, 'GET', `/consignments/${consignment.reference}/label?format=png`)
  t.same(again.rawPayload, png.rawPayload, 'the stored copy is served again')
  t.equal((await simulator(app)).counts.labels, before.counts.labels, 'without asking PRO')

  const viewed = (await staff(app, 'GET', `/consignments/${consignment.reference}`)).json()
  t.same([...viewed.label.stored].sort(), ['pdf', 'png', 'zpl', 'zplii'])

  const manifest = await staff(app, 'POST', '/manifests')
  t.equal(manifest.statusCode, 200, manifest.body)
  const second = await staff(app, 'POST', '/manifests')
  t.equal(second.statusCode, 200)
  t.same(second.json().batches, [], 'a second run finds nothing left to manifest')

  const stats = await simulator(app)
  t.equal(stats.consignments[consignment.reference]?.state, 'Manifested')
  t.equal(stats.consignments[consignment.reference]?.manifestCount, 1, 'manifested exactly once')
  t.equal(stats.duplicates.manifests, 0)
  t.equal(stats.counts.createConsignment, 1)
  t.equal(stats.counts.allocate, 1)

  const final = (await staff(app, 'GET', `/consignments/${consignment.reference}`)).json()
  t.equal(final.state, 'Manifested')
  t.match(final.manifestBatchId, /^[0-9a-f-]{36}$/)
})
