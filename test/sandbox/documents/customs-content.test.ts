import t from 'tap'
import { customsTotals, itemCategory, lineCells } from '../../../src/sandbox/documents/customs-content.js'
import { customsData } from './fixtures.js'

t.test('totals multiply unit value and unit weight by quantity', async t => {
  const totals = customsTotals(customsData().lines)
  t.equal(totals.quantity, 4)
  t.ok(Math.abs(totals.value - 82.5) < 1e-9, '3 x 12.50 + 45.00')
  t.ok(Math.abs(totals.weightKg - 0.75) < 1e-9, '3 x 0.2 + 0.15')
  t.same(customsTotals([]), { quantity: 0, value: 0, weightKg: 0 })
})

t.test('reasons for export map to form categories', async t => {
  t.same(itemCategory('SaleOfGoods'), { category: 'Sale of goods' })
  t.same(itemCategory('CommercialSample'), { category: 'Commercial sample' })
  t.same(itemCategory('returned goods'), { category: 'Returned goods' })
  t.same(itemCategory('Gift'), { category: 'Gift' })
  t.same(itemCategory(undefined), { category: 'Sale of goods' })
  t.same(itemCategory('None'), { category: 'Sale of goods' })
  t.same(itemCategory('Personal'), { category: 'Other', explanation: 'Personal' })
  t.same(itemCategory('Other'), { category: 'Other', explanation: 'Other' })
})

t.test('line cells carry computed line value and weight', async t => {
  const [first] = customsData().lines
  t.ok(first !== undefined)
  if (first === undefined) return
  t.same(lineCells(first, 'EUR'), ['Cotton T-shirt, navy', '610910', 'PT', '3', '12.50 EUR', '37.50 EUR', '0.60 kg'])
})
