import t from 'tap'
import type { BasketItem } from '../../../src/schemas/checkout-options.js'
import { PACK_KEY, buildPackRequest, planPacks } from '../../../src/services/fulfilment/pack-plan.js'

const ORDER = '3f0c8a52-1111-4a43-9b8e-1f1d4b0b7a11'
const PARCEL = { dimensionsCm: { length: 30, width: 20, height: 15 } }
const gbp = (amount: string) => ({ amount, currency: 'GBP' })
const item = (sku: string, quantity: number, more: Partial<BasketItem> = {}): BasketItem => ({ sku, quantity, unitPrice: gbp('1.00'), ...more })

t.test('one group per warehouse, items without a warehouse go to the default', async (t) => {
  const groups = planPacks(ORDER, [
    item('MUG', 2, { weightKg: 0.4, shippingLocation: 'WH_BRISTOL' }),
    item('POT', 1, { weightKg: 1.2 }),
    item('CUP', 3, { weightKg: 0.1, shippingLocation: 'Sorted1' }),
    item('LID', 1, { weightKg: 0.05, shippingLocation: 'WH_BRISTOL' })
  ], 'EDC5_Electio', PARCEL)
  t.same(groups.map((g) => [g.shippingLocation, g.intentKey, g.items, g.parcel.Weight.Value]), [
    ['EDC5_Electio', `${ORDER}/EDC5_Electio`, [{ sku: 'POT', quantity: 1 }], 1.2],
    ['Sorted1', `${ORDER}/Sorted1`, [{ sku: 'CUP', quantity: 3 }], 0.3],
    ['WH_BRISTOL', `${ORDER}/WH_BRISTOL`, [{ sku: 'MUG', quantity: 2 }, { sku: 'LID', quantity: 1 }], 0.85]
  ])
})

t.test('a basket with no warehouse at all is one group at the default location', async (t) => {
  const groups = planPacks(ORDER, [item('A', 1, { weightKg: 2 }), item('B', 2, { weightKg: 0.5 })], 'WH_BRISTOL', PARCEL)
  t.equal(groups.length, 1)
  t.equal(groups[0]!.shippingLocation, 'WH_BRISTOL')
  t.equal(groups[0]!.intentKey, `${ORDER}/WH_BRISTOL`)
  t.same(groups[0]!.parcel.Weight, { Value: 3, Unit: 'Kg' })
})

t.test('the order of the items does not change the plan (retries derive the same intent keys)', async (t) => {
  const items = [
    item('A', 1, { weightKg: 0.3, shippingLocation: 'WH_BRISTOL' }),
    item('B', 2, { weightKg: 0.2, shippingLocation: 'EDC5_Electio' }),
    item('C', 1, { weightKg: 0.7, shippingLocation: 'Sorted1' })
  ]
  const forward = planPacks(ORDER, items, 'EDC5_Electio', PARCEL)
  const backward = planPacks(ORDER, [...items].reverse(), 'EDC5_Electio', PARCEL)
  t.same(forward.map((g) => g.intentKey), backward.map((g) => g.intentKey))
  t.same(forward.map((g) => g.shippingLocation), ['EDC5_Electio', 'Sorted1', 'WH_BRISTOL'])
  t.same(forward, planPacks(ORDER, items, 'EDC5_Electio', PARCEL), 'the same input gives the same plan')
})

t.test('weights are summed per unit and rounded to grams; a missing weight counts 0.5 kg', async (t) => {
  const [group] = planPacks(ORDER, [item('A', 3, { weightKg: 0.1 }), item('B', 2)], 'EDC5_Electio', PARCEL)
  t.same(group!.parcel.Weight, { Value: 1.3, Unit: 'Kg' }, 'README: items without a weight count 0.5 kg each; 0.1 × 3 + 0.5 × 2')
  t.equal(planPacks(ORDER, [item('X', 7, { weightKg: 0.1 })], 'EDC5_Electio', PARCEL)[0]!.parcel.Weight.Value, 0.7, 'no floating-point tail (0.7000000000000001)')
})

t.test('the same SKU twice in one warehouse is one line with the quantities added; in two warehouses it stays apart', async (t) => {
  const groups = planPacks(ORDER, [
    item('MUG', 2, { weightKg: 0.4, shippingLocation: 'WH_BRISTOL' }),
    item('MUG', 3, { weightKg: 0.4, shippingLocation: 'WH_BRISTOL' }),
    item('MUG', 1, { weightKg: 0.4, shippingLocation: 'Sorted1' })
  ], 'EDC5_Electio', PARCEL)
  t.same(groups.map((g) => [g.shippingLocation, g.items, g.parcel.Weight.Value]), [
    ['Sorted1', [{ sku: 'MUG', quantity: 1 }], 0.4],
    ['WH_BRISTOL', [{ sku: 'MUG', quantity: 5 }], 2]
  ])
})

t.test('each warehouse\'s parcel has its own items\' value, description and size', async (t) => {
  const groups = planPacks(ORDER, [
    item('MUG', 2, { unitPrice: gbp('9.50'), description: 'Mug', shippingLocation: 'WH_BRISTOL' }),
    item('POT', 1, { unitPrice: gbp('24.00'), description: 'Teapot', dimensionsCm: { length: 25, width: 20, height: 18 } })
  ], 'EDC5_Electio', PARCEL)
  t.same(groups.map((g) => g.parcel), [
    { Weight: { Value: 0.5, Unit: 'Kg' }, Dimensions: { Unit: 'Cm', Length: 25, Width: 20, Height: 18 }, Description: 'Teapot', Value: { Amount: 24, Currency: { IsoCode: 'GBP' } } },
    { Weight: { Value: 1, Unit: 'Kg' }, Dimensions: { Unit: 'Cm', Length: 30, Width: 20, Height: 15 }, Description: 'Mug', Value: { Amount: 19, Currency: { IsoCode: 'GBP' } } }
  ], 'the teapot\'s own size; the mugs have none, so the default parcel')
})

t.test('the pack request keeps the merchant\'s order number and carries the pack key with the order\'s metadata', async (t) => {
  const [group] = planPacks(ORDER, [item('MUG', 2, { description: 'Mug', shippingLocation: 'WH_BRISTOL' })], 'EDC5_Electio', PARCEL)
  const body = buildPackRequest({ id: ORDER, merchantReference: 'WEB-1001', metadata: { channel: 'web' } }, 'EO-000-002-0TT', group!)
  t.same(body, {
    OrderReference: 'EO-000-002-0TT',
    OrderReferenceProvidedByCustomer: 'WEB-1001',
    Packages: [{
      Weight: { Value: 1, Unit: 'Kg' },
      Dimensions: { Unit: 'Cm', Length: 30, Width: 20, Height: 15 },
      Description: 'Mug',
      Value: { Amount: 2, Currency: { IsoCode: 'GBP' } },
      Items: [{ Sku: 'MUG', Quantity: 2 }]
    }],
    MetaData: [
      { KeyValue: 'CheckoutOrderId', StringValue: ORDER },
      { KeyValue: 'channel', StringValue: 'web' },
      { KeyValue: 'CheckoutPackKey', StringValue: `${ORDER}/WH_BRISTOL` }
    ]
  })
  t.equal(PACK_KEY, 'CheckoutPackKey')
})

t.test('intent keys differ between orders', async (t) => {
  const items = [item('A', 1, { shippingLocation: 'Sorted1' })]
  const other = '9a1b2c3d-2222-4a43-9b8e-1f1d4b0b7a11'
  t.not(planPacks(ORDER, items, 'EDC5_Electio', PARCEL)[0]!.intentKey, planPacks(other, items, 'EDC5_Electio', PARCEL)[0]!.intentKey)
})
