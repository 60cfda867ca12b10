import t from 'tap'
import { code128Modules, code128Png } from '../../../src/sandbox/documents/barcode.js'
import { CODE128_MODULES, CODE128_WIDTHS } from './code128-table.js'
import { decodeRgba, rowPattern, runLengths } from './png-inspect.js'

t.test('code128Png draws the Code 128 bars of the text, three pixels per module', async t => {
  for (const [text, widths] of Object.entries(CODE128_WIDTHS)) {
    const image = decodeRgba(await code128Png(text))
    const runs = runLengths(rowPattern(image, Math.floor(image.height / 2)))
    t.same(runs, [...widths].map(width => Number(width) * 3), text)
  }
})

t.test('code128Modules counts the modules of the symbol', async t => {
  t.equal(code128Modules('Pro'), CODE128_MODULES)
  t.equal(code128Modules('123456'), CODE128_MODULES)
  // Start, J, D, code C, eight digit pairs, check (13 × 11) and the stop (13).
  t.equal(code128Modules('JD0002212345678901'), 156)
})

t.test('non-ASCII tracking text is folded before encoding', async t => {
  t.equal(code128Modules('Prö'), CODE128_MODULES, 'ö is written as o, not as an extended character')
  const image = decodeRgba(await code128Png('Prö'))
  const runs = runLengths(rowPattern(image, Math.floor(image.height / 2)))
  t.same(runs, [...CODE128_WIDTHS.Pro!].map(width => Number(width) * 3))
})
