import t from 'tap'
import { planPacks } from '../../../src/services/fulfilment/pack-plan.js'

const ORDER = '3f0c8a52-1111-4a43-9b8e-1f1d4b0b7a11'

t.test('one group per warehouse, items without a warehouse go to the default', async (t) => {
  const groups = planPacks(ORDER, [
    { sku: 'MUG', quantity: 2, weightKg: 0.4, shippingLocation: 'WH_BRISTOL' },
    { sku: 'POT', quantity: 1, weightKg: 1.2 },
    { sku: 'CUP', quantity: 3, weightKg: 0.1, shippingLocation: 'Sorted1' },
    { sku: 'LID', quantity: 1, weightKg: 0.05, shippingLocation: 'WH_BRISTOL' }
  ], 'EDC5_Electio')
  t.same(groups, [
    { shippingLocation: 'EDC5_Electio', intentKey: `${ORDER}/EDC5_Electio`, items: [{ sku: 'POT', quantity: 1 }], weightKg: 1.2 },
    { shippingLocation: 'Sorted1', intentKey: `${ORDER}/Sorted1`, items: [{ sku: 'CUP', quantity: 3 }], weightKg: 0.3 },
    { shippingLocation: 'WH_BRISTOL', intentKey: `${ORDER}/WH_BRISTOL`, items: [{ sku: 'MUG', quantity: 2 }, { sku: 'LID', quantity: 1 }], weightKg: 0.85 }
  ])
})

t.test('a basket with no warehouse at all is one group at the default location', async (t) => {
  const groups = planPacks(ORDER, [{ sku: 'A', quantity: 1, weightKg: 2 }, { sku: 'B', quantity: 2, weightKg: 0.5 }], 'WH_BRISTOL')
  t.equal(groups.length, 1)
  t.equal(groups[0]!.shippingLocation, 'WH_BRISTOL')
  t.equal(groups[0]!.intentKey, `${ORDER}/WH_BRISTOL`)
  t.equal(groups[0]!.weightKg, 3)
})

t.test('the order of the items does not change the plan (retries derive the same intent keys)', async (t) => {
  const items = [
    { sku: 'A', quantity: 1, weightKg: 0.3, shippingLocation: 'WH_BRISTOL' },
    { sku: 'B', quantity: 2, weightKg: 0.2, shippingLocation: 'EDC5_Electio' },
    { sku: 'C', quantity: 1, weightKg: 0.7, shippingLocation: 'Sorted1' }
  ]
  const forward = planPacks(ORDER, items, 'EDC5_Electio')
  const backward = planPacks(ORDER, [...items].reverse(), 'EDC5_Electio')
  t.same(forward.map((g) => g.intentKey), backward.map((g) => g.intentKey))
  t.same(forward.map((g) => g.shippingLocation), ['EDC5_Electio', 'Sorted1', 'WH_BRISTOL'])
  t.same(forward, planPacks(ORDER, items, 'EDC5_Electio'), 'the same input gives the same plan')
})

t.test('weights are summed per unit and rounded to grams; a missing weight counts 0.5 kg', async (t) => {
  const [group] = planPacks(ORDER, [
    { sku: 'A', quantity: 3, weightKg: 0.1 },
    { sku: 'B', quantity: 2 }
  ], 'EDC5_Electio')
  t.equal(group!.weightKg, 1.3, 'README: items without a weight count 0.5 kg each; 0.1 × 3 + 0.5 × 2')
  t.equal(planPacks(ORDER, [{ sku: 'X', quantity: 7, weightKg: 0.1 }], 'EDC5_Electio')[0]!.weightKg, 0.7, 'no floating-point tail (0.7000000000000001)')
})

t.test('the same SKU twice in one warehouse is one line with the quantities added; in two warehouses it stays apart', async (t) => {
  const groups = planPacks(ORDER, [
    { sku: 'MUG', quantity: 2, weightKg: 0.4, shippingLocation: 'WH_BRISTOL' },
    { sku: 'MUG', quantity: 3, weightKg: 0.4, shippingLocation: 'WH_BRISTOL' },
    { sku: 'MUG', quantity: 1, weightKg: 0.4, shippingLocation: 'Sorted1' }
  ], 'EDC5_Electio')
  t.same(groups.map((g) => [g.shippingLocation, g.items, g.weightKg]), [
    ['Sorted1', [{ sku: 'MUG', quantity: 1 }], 0.4],
    ['WH_BRISTOL', [{ sku: 'MUG', quantity: 5 }], 2]
  ])
})

t.test('intent keys differ between orders', async (t) => {
  const items = [{ sku: 'A', quantity: 1, shippingLocation: 'Sorted1' }]
  const other = '9a1b2c3d-2222-4a43-9b8e-1f1d4b0b7a11'
  t.not(planPacks(ORDER, items, 'EDC5_Electio')[0]!.intentKey, planPacks(other, items, 'EDC5_Electio')[0]!.intentKey)
})
