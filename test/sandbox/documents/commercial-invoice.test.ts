import t from 'tap'
import { renderCustomsDocument, type CustomsLine } from '../../../src/sandbox/documents/index.js'
import { customsData } from './fixtures.js'
import { pdfInfo, pdfMediaBoxes, pdfPageCount, pdfText } from './pdf-inspect.js'

const A4 = [0, 0, 595.28, 841.89]

t.test('the commercial invoice is an A4 PDF naming the invoice', async t => {
  const pdf = await renderCustomsDocument('CommercialInvoice', customsData())
  t.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')
  t.equal(pdfPageCount(pdf), 1)
  t.same(pdfMediaBoxes(pdf), [A4])
  t.equal(pdfInfo(pdf, 'Title'), 'Commercial invoice INV-2024-0042')
  t.equal(pdfInfo(pdf, 'CreationDate'), 'D:20240314000000Z', 'dated by the invoice, not the clock')
})

t.test('it lists parties, terms, every line and the totals', async t => {
  const text = pdfText(await renderCustomsDocument('CommercialInvoice', customsData()))
  for (const expected of ['COMMERCIAL INVOICE', 'INV-2024-0042', '2024-03-14', 'EC-000-087-HG2', 'DAP',
    'Sale of goods', 'EORI: GB123456789000', 'Sorted Warehouse', 'Zoë Lukasiewicz', 'München 80331',
    'Cotton T-shirt, navy', '610910', 'PT', '12.50 GBP', '37.50 GBP', '0.60 kg',
    'Leather wallet', '420232', 'IT', '45.00 GBP']) {
    t.ok(text.includes(expected), `shows ${expected}`)
  }
  const lines = text.split('\n')
  t.ok(lines.includes('4'), 'total quantity 3 + 1')
  t.ok(lines.includes('82.50 GBP'), 'total value 3 x 12.50 + 45.00')
  t.ok(lines.includes('0.75 kg'), 'total weight 3 x 0.2 + 0.15')
})

t.test('a long list of goods continues on further A4 pages', async t => {
  const line: CustomsLine = { description: 'Spare part', quantity: 1, unitValue: 1, weightKg: 0.1, countryOfOrigin: 'CN', hsCode: '847330' }
  const pdf = await renderCustomsDocument('CommercialInvoice', customsData({ lines: Array.from({ length: 80 }, () => line) }))
  t.ok(pdfPageCount(pdf) > 1)
  t.same(pdfMediaBoxes(pdf), Array.from({ length: pdfPageCount(pdf) }, () => A4))
  t.ok(pdfText(pdf).split('\n').includes('80.00 GBP'), 'totals cover every line')
})

t.test('optional fields may be left out', async t => {
  const { reasonForExport, shippingTerms, shipperEori, ...required } = customsData()
  t.ok(reasonForExport !== undefined && shippingTerms !== undefined && shipperEori !== undefined)
  const text = pdfText(await renderCustomsDocument('CommercialInvoice', required))
  t.notOk(text.includes('EORI'))
  t.ok(text.includes('Not stated'), 'terms of sale marked as not stated')
})

t.test('invalid input is rejected', async t => {
  await t.rejects(renderCustomsDocument('CommercialInvoice', customsData({ lines: [] })), RangeError)
  await t.rejects(renderCustomsDocument('CommercialInvoice', customsData({ invoiceDate: '2024-13-45' })), RangeError)
})
