import t from 'tap'
import { renderCustomsDocument, type CustomsLine } from '../../../src/sandbox/documents/index.js'
import { customsData } from './fixtures.js'
import { pdfInfo, pdfMediaBoxes, pdfPageCount, pdfText } from './pdf-inspect.js'

const PAGE_SIZES = { CN22: [0, 0, 288, 432], CN23: [0, 0, 595.28, 841.89] } as const

for (const form of ['CN22', 'CN23'] as const) {
  t.test(`${form} is a one-page PDF declaration with the goods and totals`, async t => {
    const pdf = await renderCustomsDocument(form, customsData())
    t.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-')
    t.equal(pdfPageCount(pdf), 1)
    t.same(pdfMediaBoxes(pdf), [PAGE_SIZES[form]])
    t.equal(pdfInfo(pdf, 'Title'), `${form} customs declaration INV-2024-0042`)
    const text = pdfText(pdf)
    const lines = text.split('\n')
    for (const expected of ['CUSTOMS DECLARATION', form === 'CN22' ? 'CN 22' : 'CN 23', 'INV-2024-0042',
      'Value (GBP)', 'Sale of goods', '610910', '420232', 'PT', 'IT', '37.50', '45.00', '0.60 kg']) {
      t.ok(text.includes(expected), `shows ${expected}`)
    }
    t.ok(lines.includes('82.50'), 'total value')
    t.ok(lines.includes('0.75 kg'), 'total weight')
  })

  t.test(`${form} explains an uncommon reason for export`, async t => {
    const text = pdfText(await renderCustomsDocument(form, customsData({ reasonForExport: 'Personal' })))
    t.ok(text.includes('Explanation: Personal'))
  })

  t.test(`${form} continues on pages of the same size when the goods do not fit`, async t => {
    const line: CustomsLine = { description: 'Spare part', quantity: 2, unitValue: 1.5, weightKg: 0.1, countryOfOrigin: 'CN' }
    const pdf = await renderCustomsDocument(form, customsData({ lines: Array.from({ length: 90 }, () => line) }))
    const pages = pdfPageCount(pdf)
    t.ok(pages > 1)
    t.same(pdfMediaBoxes(pdf), Array.from({ length: pages }, () => PAGE_SIZES[form]))
    t.ok(pdfText(pdf).split('\n').includes('270.00'), 'total value of 90 x 2 x 1.50')
  })
}

t.test('CN23 carries both addresses and the sender EORI; CN22 only references', async t => {
  const cn23 = pdfText(await renderCustomsDocument('CN23', customsData()))
  for (const expected of ['FROM (SENDER)', 'TO (ADDRESSEE)', 'Sorted Warehouse', 'München 80331', 'EORI: GB123456789000', 'DAP']) {
    t.ok(cn23.includes(expected), `CN23 shows ${expected}`)
  }
  const cn22 = pdfText(await renderCustomsDocument('CN22', customsData()))
  t.ok(cn22.includes('Consignment EC-000-087-HG2'))
  t.notOk(cn22.includes('München'))
})

t.test('a declaration without goods is rejected', async t => {
  await t.rejects(renderCustomsDocument('CN22', customsData({ lines: [] })), RangeError)
})
