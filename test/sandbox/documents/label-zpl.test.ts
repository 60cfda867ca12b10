import t from 'tap'
import { renderLabel, type LabelData } from '../../../src/sandbox/documents/index.js'
import { labelData, packages } from './fixtures.js'

async function zpl (format: 'ZPL' | 'ZPLII', data: LabelData): Promise<string> {
  return (await renderLabel(format, data)).data.toString('utf8')
}

const blocks = (text: string): string[] => text.split('^XZ').map(block => block.trim()).filter(block => block !== '')

for (const format of ['ZPL', 'ZPLII'] as const) {
  t.test(`${format}: served as application/zpl`, async t => {
    t.equal((await renderLabel(format, labelData())).contentType, 'application/zpl')
  })

  t.test(`${format}: one ^XA … ^XZ block per package with fields and a Code 128 barcode`, async t => {
    const data = labelData({ packages: packages(3) })
    const text = await zpl(format, data)
    t.ok(text.startsWith('^XA'), 'starts with ^XA')
    t.ok(text.trimEnd().endsWith('^XZ'), 'ends with ^XZ')
    const labels = blocks(text)
    t.equal(labels.length, 3)
    t.equal(text.match(/\^XA/g)?.length, 3)
    labels.forEach((block, index) => {
      const pkg = data.packages[index]
      t.ok(block.startsWith('^XA'), `block ${index + 1} opens with ^XA`)
      t.match(block, new RegExp(`\\^BC[^\\n]*\\^FD${pkg?.trackingNumber ?? '?'}\\^FS`), `block ${index + 1} has its tracking barcode`)
      t.match(block, /\^FO\d+,\d+\^A0N,\d+,\d+/, 'positioned scalable-font text fields')
      for (const expected of ['DHL Parcel UK', 'Next Day', 'EC-000-087-HG2', 'Sorted Warehouse', `${index + 1} of 3`, `Package: ${pkg?.packageReference ?? '?'}`]) {
        t.ok(block.includes(`^FD${expected}`) || block.includes(expected), `block ${index + 1} shows ${expected}`)
      }
    })
  })

  t.test(`${format}: ^ ~ and _ in data are hex-escaped, never taken as commands`, async t => {
    const text = await zpl(format, labelData({
      packages: packages(2),
      carrierName: 'Evil ^XZ^XA Carrier',
      to: { name: 'Tilde ~JR reset', lines: ['under_score'], town: 'Lyon', postcode: '69001', countryCode: 'FR' }
    }))
    t.equal(text.match(/\^XA/g)?.length, 2, 'no extra label formats started')
    t.equal(text.match(/\^XZ/g)?.length, 2, 'no label format ended early')
    t.notOk(text.includes('~'), 'no tilde commands at all')
    t.ok(text.includes('^FH_^FDEvil _5EXZ_5EXA Carrier^FS'))
    t.ok(text.includes('^FDTilde _7EJR reset^FS'))
    t.ok(text.includes('^FDunder_5Fscore^FS'))
    t.equal(text.match(/\^FD/g)?.length, text.match(/\^FH_\^FD/g)?.length, 'every field is hex-escaped')
  })
}

t.test('ZPL II declares UTF-8 and the 4x6 in print area and keeps non-ASCII text', async t => {
  const text = await zpl('ZPLII', labelData({ packages: packages(2) }))
  for (const block of blocks(text)) {
    t.ok(['^CI28', '^PW812', '^LL1218'].every(command => block.includes(command)))
  }
  t.ok(text.includes('^FDMünchen 80331^FS'))
})

t.test('plain ZPL stays within ASCII', async t => {
  const text = await zpl('ZPL', labelData())
  t.notOk(text.includes('^CI28'))
  t.notOk([...text].some(ch => ch > '\u007f'), 'only ASCII characters')
  t.ok(text.includes('^FDMunchen 80331^FS'))
  t.ok(text.includes('^FDZoe Lukasiewicz^FS'))
})

t.test('line breaks in data cannot split a command', async t => {
  const text = await zpl('ZPL', labelData({ carrierName: 'Two\nLines\r\n^XZ' }))
  t.ok(text.includes('^FDTwo Lines _5EXZ^FS'))
})

t.test('a label without packages is rejected', async t => {
  await t.rejects(renderLabel('ZPL', labelData({ packages: [] })), RangeError)
})
