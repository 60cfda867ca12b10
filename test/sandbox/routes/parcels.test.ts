import t, { type Test } from 'tap'
import { destination, orderFromOption, pro, referenceOf, shipmentRequest, startSandbox, stats } from '../helper.js'

/*
 * PRO-API.md §7.3 and the add-package page make a package's weight + dimensions (or a
 * PackageSizeReference), description and value mandatory; the simulator takes that reading on every
 * endpoint that takes packages, so the service is the one that has to send them.
 */

type Body = Record<string, any>

function withoutPackageField (body: Body, field: string): Body {
  const copy = structuredClone(body)
  delete copy.Packages[0][field]
  return copy
}

const missing = [
  { field: 'Dimensions', target: 'Packages[0].Dimensions' },
  { field: 'Weight', target: 'Packages[0].Weight' },
  { field: 'Description', target: 'Packages[0].Description' },
  { field: 'Value', target: 'Packages[0].Value' }
]

async function expectRejected (t: Test, app: any, method: 'POST', url: string, body: Body, target: string): Promise<void> {
  const { status, body: answer } = await pro(app, method, url, body)
  t.equal(status, 400, `${url} without ${target}`)
  t.equal(answer.Code, 'ValidationFailed')
  t.equal(answer.Details?.[0]?.Target, target)
  t.type(answer.CorrelationId, 'string', 'in PRO\'s error shape')
}

t.test('options and create consignment refuse a package without dimensions, weight, description or value', async t => {
  const { app } = await startSandbox(t)
  for (const { field, target } of missing) {
    await expectRejected(t, app, 'POST', '/deliveryoptions', withoutPackageField(shipmentRequest(), field), target)
    await expectRejected(t, app, 'POST', '/deliveryoptions/pickupoptions', { ...withoutPackageField(shipmentRequest(), field), Distance: { Unit: 'Km', Value: 5 }, MaxResults: 5 }, target)
    await expectRejected(t, app, 'POST', '/consignments', withoutPackageField(shipmentRequest(), field), target)
  }
  const blank = shipmentRequest() as Body
  blank.Packages[0].Description = '  '
  await expectRejected(t, app, 'POST', '/consignments', blank, 'Packages[0].Description')
  t.same((await stats(app)).consignments, {}, 'nothing was created')
})

t.test('a PackageSizeReference stands for weight and dimensions', async t => {
  const { app } = await startSandbox(t)
  const body = withoutPackageField(withoutPackageField(shipmentRequest(), 'Dimensions'), 'Weight')
  body.Packages[0].PackageSizeReference = 'SMALL_PARCEL'
  const created = await pro(app, 'POST', '/consignments', body)
  t.equal(created.status, 200)
  const consignment = (await pro(app, 'GET', `/consignments/${referenceOf(created.body[0].Href)}`)).body
  t.equal(consignment.Packages[0].PackageSizeReference, 'SMALL_PARCEL')
  t.equal(consignment.Packages[0].Weight.Value, 2, 'the weight of the package size')
  t.equal((await pro(app, 'POST', '/deliveryoptions', body)).status, 200)
})

const parcel = {
  Weight: { Value: 1.3, Unit: 'Kg' },
  Dimensions: { Unit: 'Cm', Width: 15.4, Length: 21.7, Height: 10 },
  Description: 'Mugs',
  Value: { Amount: 25, Currency: { IsoCode: 'GBP' } }
}

t.test('pack refuses a package without dimensions, weight, description or value', async t => {
  const { app } = await startSandbox(t)
  const { order } = await orderFromOption(app, { items: [{ sku: 'SKU-A' }] })
  for (const { field, target } of missing) {
    const body = withoutPackageField({ OrderReference: order, Packages: [{ ...parcel, Items: [{ Sku: 'SKU-A', Quantity: 1 }] }] }, field)
    await expectRejected(t, app, 'POST', `/orders/${order}/pack`, body, target)
  }
  t.same((await stats(app)).consignments, {}, 'nothing was packed')
  const packed = await pro(app, 'POST', `/orders/${order}/pack`, { OrderReference: order, Packages: [{ ...parcel, Items: [{ Sku: 'SKU-A', Quantity: 1 }] }] })
  t.equal(packed.status, 200)
  const consignment = (await pro(app, 'GET', `/consignments/${referenceOf(packed.body.Results[0].ApiLinks[0].Href)}`)).body
  t.same(consignment.Packages[0].Dimensions, { Unit: 'Cm', Width: 15.4, Length: 21.7, Height: 10 })
  t.equal(consignment.Packages[0].Description, 'Mugs')
  t.match(consignment.Packages[0].Value, { Amount: 25, Currency: { IsoCode: 'GBP' } }, 'the value the pack declared (the item alone is worth 12.50)')
})

t.test('undocumented request fields are ignored, not acted on', async t => {
  const { app } = await startSandbox(t)
  const body = shipmentRequest() as Body
  body.Addresses[1] = { ...destination(), ShopLocationReference: 'SHOP-0001' }
  const created = await pro(app, 'POST', '/consignments', body)
  t.equal(created.status, 200)
  const consignment = (await pro(app, 'GET', `/consignments/${referenceOf(created.body[0].Href)}`)).body
  const to = consignment.Addresses.find((address: any) => address.AddressType === 'Destination')
  t.equal(to.ShopLocationReference, null, 'a ShopLocationReference is not a request field of an address (§5: responses add it)')
})
