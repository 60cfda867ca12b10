import t from 'tap'
import { priceTax } from '../../../src/services/pro/prices.js'

const currency = { Name: 'Pound Sterling', IsoCode: 'GBP' }
const rate = (value: number) => ({ Reference: `GB-${value}`, CountryIsoCode: 'GB', Type: 'Standard', Rate: value })

t.test('priceTax reads either spelling of the tax fields', async (t) => {
  t.same(priceTax({ Net: 10, Gross: 12, TaxRate: rate(0.2), VatAmount: 2, Currency: currency }), { rate: 0.2, amount: 2 })
  t.same(priceTax({ Net: 10, Gross: 12, VatRate: rate(0.2), TaxAmount: 2, Currency: currency }), { rate: 0.2, amount: 2 })
  t.same(priceTax({ Net: 10, Gross: 10, TaxRate: null, VatAmount: null, Currency: currency }), { rate: undefined, amount: undefined })
})
