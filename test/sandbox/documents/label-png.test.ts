import t from 'tap'
import { MAX_PNG_LABELS, renderLabel, type LabelData } from '../../../src/sandbox/documents/index.js'
import { labelData, packages } from './fixtures.js'
import { CODE128_WIDTHS } from './code128-table.js'
import { decodeRgba, PNG_SIGNATURE, pngChunks, rowPattern, runLengths } from './png-inspect.js'

const LABEL_HEIGHT = 1218
const BARCODE_ROW = 1000 // within the bars, below the top of the barcode slot
const TEXT_ROWS = [60, 108] // carrier and service lines

t.test('a PNG label is a valid 812x1218 image per package at 203 dpi', async t => {
  const label = await renderLabel('PNG', labelData({ packages: packages(2) }))
  t.equal(label.contentType, 'image/png')
  t.same(label.data.subarray(0, 8), PNG_SIGNATURE)
  const chunks = pngChunks(label.data)
  t.same(chunks.map(chunk => chunk.type).filter(type => type !== 'tEXt'), ['IHDR', 'pHYs', 'IDAT', 'IEND'])
  const image = decodeRgba(label.data)
  t.equal(image.width, 812)
  t.equal(image.height, 2 * LABEL_HEIGHT)
  const physical = chunks.find(chunk => chunk.type === 'pHYs')?.data
  t.equal(physical?.readUInt32BE(0), Math.floor(203 / 0.0254), 'pixels per metre for 203 dpi')
})

t.test('every package gets its own barcode and text', async t => {
  const image = decodeRgba((await renderLabel('PNG', labelData({ packages: packages(2) }))).data)
  const bars = [0, 1].map(index => rowPattern(image, index * LABEL_HEIGHT + BARCODE_ROW))
  for (const [index, pattern] of bars.entries()) {
    const dark = [...pattern].filter(bit => bit === '1').length
    t.ok(dark > 100 && dark < 700, `label ${index + 1} has bars across the barcode row (${dark} dark pixels)`)
    const textRows = TEXT_ROWS.map(y => rowPattern(image, index * LABEL_HEIGHT + y, 0, 812).includes('1'))
    t.ok(textRows.every(Boolean), `label ${index + 1} has header text`)
  }
  t.not(bars[0], bars[1], 'different tracking numbers give different bars')
})

t.test('the bars are the Code 128 symbol of the tracking number, intact', async t => {
  for (const [trackingNumber, widths] of Object.entries(CODE128_WIDTHS)) {
    const label = labelData({ packages: [{ packageReference: 'EP-000-001', trackingNumber, weightKg: 1 }] })
    const runs = runLengths(rowPattern(decodeRgba((await renderLabel('PNG', label)).data), BARCODE_ROW))
    // A short symbol is drawn at the widest module the label allows, 4 px.
    t.same(runs, [...widths].map(width => Number(width) * 4), trackingNumber)
  }
})

t.test('the same tracking number draws the same bars', async t => {
  const twin = packages(2).map(pkg => ({ ...pkg, trackingNumber: 'JD0002299999999' }))
  const image = decodeRgba((await renderLabel('PNG', labelData({ packages: twin }))).data)
  t.equal(rowPattern(image, BARCODE_ROW), rowPattern(image, LABEL_HEIGHT + BARCODE_ROW))
})

t.test('very large consignments get their first labels only', async t => {
  const image = decodeRgba((await renderLabel('PNG', labelData({ packages: packages(MAX_PNG_LABELS + 2) }))).data)
  t.equal(image.height, MAX_PNG_LABELS * LABEL_HEIGHT)
})

t.test('long and non-ASCII text stays inside the image', async t => {
  const long = 'Ωmega Straße '.repeat(40)
  const label = await renderLabel('PNG', labelData({
    packages: packages(1),
    carrierName: long,
    to: { name: long, lines: [long], town: long, postcode: '1', countryCode: 'GR' }
  }))
  const image = decodeRgba(label.data)
  t.equal(image.height, LABEL_HEIGHT)
  const nameRow = 435 // through the recipient's name, which fills the whole width
  t.ok(rowPattern(image, nameRow, 0, 782).includes('1'), 'the name is drawn')
  t.notOk(rowPattern(image, nameRow, 783, 812).includes('1'), 'but not into the right margin')
})

t.test('invalid input is rejected', async t => {
  const refusal = async (data: LabelData) => await renderLabel('PNG', data).then(() => undefined, (error: unknown) => error as Error)
  const empty = await refusal(labelData({ packages: [] }))
  t.equal(empty?.constructor, RangeError)
  t.equal(empty?.message, 'consignment EC-000-087-HG2 has no packages to label')
  const tooLong = await refusal(labelData({ packages: [{ packageReference: 'P', trackingNumber: 'X'.repeat(100), weightKg: 1 }] }))
  t.equal(tooLong?.constructor, RangeError)
  t.equal(tooLong?.message, `tracking number ${'X'.repeat(100)} is too long for a Code 128 label`)
})
