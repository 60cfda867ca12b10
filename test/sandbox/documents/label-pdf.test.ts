import t from 'tap'
import { renderLabel } from '../../../src/sandbox/documents/index.js'
import { labelData, packages } from './fixtures.js'
import { pdfImageDraws, pdfInfo, pdfMediaBoxes, pdfPageCount, pdfText } from './pdf-inspect.js'

t.test('a PDF label has one 4x6 in page with a barcode per package', async t => {
  for (const count of [1, 3]) {
    const label = await renderLabel('PDF', labelData({ packages: packages(count) }))
    t.equal(label.contentType, 'application/pdf')
    t.equal(label.data.subarray(0, 5).toString('latin1'), '%PDF-')
    t.match(label.data.subarray(-8).toString('latin1'), /%%EOF\s*$/)
    t.equal(pdfPageCount(label.data), count, `${count} pages`)
    t.same(pdfMediaBoxes(label.data), Array.from({ length: count }, () => [0, 0, 288, 432]))
    t.equal(pdfImageDraws(label.data), count, 'one barcode image drawn per page')
  }
})

t.test('each page prints the shipment details and its own package', async t => {
  const data = labelData({ packages: packages(2) })
  const text = pdfText((await renderLabel('PDF', data)).data)
  for (const expected of ['DHL Parcel UK', 'Next Day', 'Ship date: 2024-03-14', 'Consignment: EC-000-087-HG2',
    'Sorted Warehouse', 'Acme Retail Ltd', 'Manchester M17 1RA', 'GB', 'DE', 'München 80331']) {
    t.ok(text.includes(expected), `shows ${expected}`)
  }
  data.packages.forEach((pkg, index) => {
    t.ok(text.includes(pkg.trackingNumber), `tracking number ${index + 1} as text`)
    t.ok(text.includes(`Package: ${pkg.packageReference}`), `package reference ${index + 1}`)
    t.ok(text.includes(`${index + 1} of 2`), `package ${index + 1} of 2`)
  })
  t.ok(text.includes('Weight: 1.25 kg') && text.includes('Weight: 2.50 kg'), 'per-package weights')
})

t.test('text the standard fonts cannot show is folded rather than garbled', async t => {
  const text = pdfText((await renderLabel('PDF', labelData({
    to: { name: 'Zoë Łukasiewicz 東京', lines: ['Hauptstraße 12'], town: 'München', postcode: '80331', countryCode: 'DE' }
  }))).data)
  t.ok(text.includes('Zoë Lukasiewicz ??'), 'Latin-1 kept, Ł folded, CJK replaced')
  t.ok(text.includes('Hauptstraße 12'))
})

t.test('overlong fields are clipped instead of flowing onto extra pages', async t => {
  const long = 'Very long company name '.repeat(20)
  const label = await renderLabel('PDF', labelData({
    packages: packages(1),
    serviceName: long,
    to: { name: long, company: long, lines: [long, long, long, long, long, long], town: long, postcode: '1', countryCode: 'FR' }
  }))
  t.equal(pdfPageCount(label.data), 1)
  t.notOk(pdfText(label.data).includes(long.trim()), 'the long text was shortened')
})

t.test('metadata takes its date from the ship date, not the clock', async t => {
  const label = await renderLabel('PDF', labelData({ shipDate: '2023-11-02' }))
  t.equal(pdfInfo(label.data, 'CreationDate'), 'D:20231102000000Z')
  t.equal(pdfInfo(label.data, 'Title'), 'Label EC-000-087-HG2')
})

t.test('invalid input is rejected', async t => {
  await t.rejects(renderLabel('PDF', labelData({ packages: [] })), RangeError)
  await t.rejects(renderLabel('PDF', labelData({ shipDate: '14/03/2024' })), RangeError)
})
