import t from 'tap'
import { orderFromOption, packPackage, pro, referenceOf, startSandbox, stats } from '../helper.js'

const twoItems = { items: [{ sku: 'SKU-A', quantity: 2 }, { sku: 'SKU-B' }] }

async function pack (app: any, order: string, body: Record<string, unknown>) {
  return await pro(app, 'POST', `/orders/${order}/pack`, { OrderReference: order, ...body })
}

t.test('get order answers the order built from the selected option', async t => {
  const { app } = await startSandbox(t)
  const { order, option } = await orderFromOption(app, twoItems)
  const { status, body } = await pro(app, 'GET', `/orders/${order}`)
  t.equal(status, 200)
  t.equal(body.OrderReference, order)
  t.equal(body.DeliveryOptionReference, option.Reference)
  t.equal(body.OrderReferenceProvidedByCustomer, 'CUSTOMER-ORDER-1')
  t.match(body.Packages[0].Reference, /^EP-/)
  t.match(body.Packages[0].Items[0].Reference, /^[0-9a-f]{32}$/)
  t.same(body.Packages[0].Items.map((item: any) => item.Sku), ['SKU-A', 'SKU-B'])
  t.equal(body.RequiredDeliveryDate.Date, option.EstimatedDeliveryDate.Date)
  const missing = await pro(app, 'GET', '/orders/EO-000-000-000')
  t.equal(missing.status, 404)
  t.equal(missing.body.Code, 'OrderNotFound')
})

t.test('pack creates one consignment carrying the request custom reference and metadata', async t => {
  const { app } = await startSandbox(t)
  const { order } = await orderFromOption(app, twoItems)
  const packed = await pack(app, order, {
    OrderReferenceProvidedByCustomer: 'PACK-KEY-1',
    Packages: [packPackage([{ Sku: 'SKU-A', Quantity: 2 }, { Sku: 'SKU-B', Quantity: 1 }])],
    MetaData: [{ KeyValue: 'Picker', StringValue: 'Sam' }]
  })
  t.equal(packed.status, 200)
  t.equal(packed.body.Results[0].Result, 'ConsignmentCreated')
  t.equal(packed.body.Results[0].ApiLinks[0].Rel, 'Consignment')
  const reference = referenceOf(packed.body.Results[0].ApiLinks[0].Href)
  t.match(reference, /^EC-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/)
  const consignment = (await pro(app, 'GET', `/consignments/${reference}`)).body
  t.equal(consignment.ConsignmentState, 'Unallocated')
  t.equal(consignment.ConsignmentReferenceProvidedByCustomer, 'PACK-KEY-1')
  t.equal(consignment.OrderReference, order)
  t.same(consignment.MetaData, [{ KeyValue: 'Picker', StringValue: 'Sam' }])
  t.equal(consignment.Packages[0].Weight.Value, 1.3)
  t.same(consignment.Packages[0].Items.map((item: any) => [item.Sku, item.Quantity]), [['SKU-A', 2], ['SKU-B', 1]])
  const after = await stats(app)
  t.equal(after.orders[order].state, 'Packed')
  t.same(after.orders[order].consignmentReferences, [reference])
  t.equal(after.duplicates.consignments, 0)
})

t.test('without a request reference the consignment takes the order reference; it ships from the order\'s origin, never from pack Addresses', async t => {
  const { app } = await startSandbox(t, { publicBaseUrl: 'http://127.0.0.1:9999/' })
  const { order } = await orderFromOption(app, twoItems)
  const originOf = async (packed: any) => {
    const consignment = (await pro(app, 'GET', `/consignments/${referenceOf(packed.body.Results[0].ApiLinks[0].Href)}`)).body
    return { consignment, origin: consignment.Addresses.find((address: any) => address.AddressType === 'Origin') }
  }
  const orderOrigin = (await pro(app, 'GET', `/orders/${order}`)).body.Addresses.find((address: any) => address.AddressType === 'Origin').ShippingLocationReference
  t.not(orderOrigin, 'WH_BRISTOL')

  // `Addresses` is not a Pack Order field (PRO-API.md §7.2): ignored, as PRO would.
  const ignored = await pack(app, order, { Addresses: [{ AddressType: 'Origin', ShippingLocationReference: 'WH_BRISTOL' }], Packages: [packPackage([{ Sku: 'SKU-B' }])] })
  t.match(ignored.body.Results[0].ApiLinks[0].Href, /^http:\/\/127\.0\.0\.1:9999\/consignments\/EC-/)
  const first = await originOf(ignored)
  t.equal(first.consignment.ConsignmentReferenceProvidedByCustomer, 'CUSTOMER-ORDER-1')
  t.equal(first.origin.ShippingLocationReference, orderOrigin, 'shipped from the order\'s origin')
  t.equal((await stats(app)).orders[order].state, 'PartiallyPacked')

  const replaced = await pro(app, 'PUT', `/orders/${order}/address`, { AddressType: 'Origin', ShippingLocationReference: 'WH_BRISTOL' })
  t.equal(replaced.status, 200)
  const second = await originOf(await pack(app, order, { Packages: [packPackage([{ Sku: 'SKU-A', Quantity: 2 }])] }))
  t.equal(second.origin.ShippingLocationReference, 'WH_BRISTOL', 'the origin set on the order')
  t.equal(second.origin.Town, 'Bristol')
  t.equal(first.origin.ShippingLocationReference, orderOrigin, 'the earlier consignment keeps its origin')
})

t.test('order address: POST adds only a type the order lacks, PUT replaces only one it has, a location must exist', async t => {
  const { app } = await startSandbox(t)
  const { order } = await orderFromOption(app, twoItems)
  const added = await pro(app, 'POST', `/orders/${order}/address`, { AddressType: 'Origin', ShippingLocationReference: 'WH_BRISTOL' })
  t.equal(added.status, 400)
  t.equal(added.body.Code, 'AddressExists')
  const unknown = await pro(app, 'PUT', `/orders/${order}/address`, { AddressType: 'Origin', ShippingLocationReference: 'NOPE' })
  t.equal(unknown.status, 400)
  t.equal(unknown.body.Code, 'ShippingLocationNotFound')
  t.equal((await pro(app, 'PUT', '/orders/EO-000-000-000/address', { AddressType: 'Origin', ShippingLocationReference: 'WH_BRISTOL' })).status, 404)
  const after = await pro(app, 'GET', `/orders/${order}`)
  t.not(after.body.Addresses.find((address: any) => address.AddressType === 'Origin').ShippingLocationReference, 'WH_BRISTOL', 'nothing refused was applied')
  t.equal((await stats(app)).counts.orderAddress, 3)
})

t.test('pack rejects items that are not in the order and unknown orders', async t => {
  const { app } = await startSandbox(t)
  const { order } = await orderFromOption(app, twoItems)
  const unknownSku = await pack(app, order, { Packages: [packPackage([{ Sku: 'SKU-A' }, { Sku: 'NOT-ORDERED' }])] })
  t.equal(unknownSku.status, 400)
  t.equal(unknownSku.body.Code, 'ItemNotFound')
  t.equal(unknownSku.body.Details[0].Target, 'Packages[0].Items[1].Sku')
  const unknownReference = await pack(app, order, { Packages: [packPackage([{ Reference: '0'.repeat(32) }])] })
  t.equal(unknownReference.body.Details[0].Target, 'Packages[0].Items[0].Reference')
  const noItems = await pack(app, order, { Packages: [packPackage([])] })
  t.equal(noItems.body.Details[0].Target, 'Packages[0].Items')
  t.equal((await pro(app, 'POST', '/orders/EO-000-000-000/pack', { Packages: [packPackage([{ Sku: 'X' }])] })).status, 404)
  const after = await stats(app)
  t.same(after.consignments, {}, 'nothing was created')
  t.equal(after.counts.pack, 4)
})

t.test('packing the same items twice succeeds, as in PRO, and counts a duplicate consignment', async t => {
  const { app } = await startSandbox(t)
  const { order } = await orderFromOption(app, twoItems)
  const body = { OrderReferenceProvidedByCustomer: 'KEY', Packages: [packPackage([{ Sku: 'SKU-B' }])] }
  t.equal((await pack(app, order, body)).status, 200)
  t.equal((await pack(app, order, body)).status, 200)
  const after = await stats(app)
  t.equal(after.duplicates.consignments, 1)
  t.equal(Object.keys(after.consignments).length, 2)
  const found = await pro(app, 'GET', '/consignments/getConsignmentReferences?ConsignmentReferenceProvidedByCustomer=KEY')
  t.equal(found.body.length, 2, 'the reconciliation search finds both')
})

t.test('a split pick (2 of SKU-A packed one by one) is not a duplicate', async t => {
  const { app } = await startSandbox(t)
  const { order } = await orderFromOption(app, twoItems)
  await pack(app, order, { Packages: [packPackage([{ Sku: 'SKU-A', Quantity: 1 }])] })
  await pack(app, order, { Packages: [packPackage([{ Sku: 'SKU-A', Quantity: 1 }, { Sku: 'SKU-B' }])] })
  const after = await stats(app)
  t.equal(after.duplicates.consignments, 0)
  t.equal(after.orders[order].state, 'Packed')
  await pack(app, order, { Packages: [packPackage([{ Sku: 'SKU-A', Quantity: 1 }])] })
  t.equal((await stats(app)).duplicates.consignments, 1, 'a third SKU-A is one too many')
})
