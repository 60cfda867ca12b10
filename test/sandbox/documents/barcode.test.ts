import t from 'tap'
import { code128Modules, code128Png } from '../../../src/sandbox/documents/barcode.js'
import { decodeRgba, rowPattern } from './png-inspect.js'

t.test('code128Png draws bars three pixels per module, as wide as code128Modules says', async t => {
  for (const text of ['JD0002212345678901', 'ABC-123']) {
    const image = decodeRgba(await code128Png(text))
    const dark = rowPattern(image, Math.floor(image.height / 2)).replace(/^0+|0+$/g, '')
    t.equal(dark.length, code128Modules(text) * 3, text)
  }
  t.ok(code128Modules('ABCDEFGHIJ') > code128Modules('ABC'), 'longer text, wider symbol')
})

t.test('non-ASCII tracking text is folded before encoding', async t => {
  t.equal(code128Modules('ÄB1'), code128Modules('AB1'))
})
