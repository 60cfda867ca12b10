import t from 'tap'
import { addressLines, parseIsoDate, singleLine, toAscii, toWinAnsi, truncate } from '../../../src/sandbox/documents/text.js'

t.test('singleLine flattens whitespace and drops control characters', async t => {
  t.equal(singleLine('  a\nb\r\n\tc  d\u0000e\u200b '), 'a b c de')
})

t.test('toAscii keeps printable ASCII and folds everything else', async t => {
  t.equal(toAscii('Plain ~ text_^!'), 'Plain ~ text_^!')
  t.equal(toAscii('Zoë Łódź Straße Æsir Søren'), 'Zoe Lodz Strasse AEsir Soren')
  t.equal(toAscii('“quoted” – €5'), '"quoted" - EUR5')
  t.equal(toAscii('東京 Ω'), '?? ?')
})

t.test('toWinAnsi keeps Latin-1 and the WinAnsi extras', async t => {
  t.equal(toWinAnsi('Zoë Søren Straße €5 – “x”'), 'Zoë Søren Straße €5 – “x”')
  t.equal(toWinAnsi('Łódź 東京'), 'Lódz ??')
})

t.test('truncate marks a cut and leaves short text alone', async t => {
  t.equal(truncate('short', 10), 'short')
  t.equal(truncate('abcdefghijkl', 8), 'abcde...')
  t.equal([...truncate('ééééééééééé', 5)].length, 5, 'counts characters, not UTF-16 units')
})

t.test('addressLines joins town and postcode and skips blanks', async t => {
  t.same(addressLines({ name: 'A', company: ' ', lines: ['1 Road', ''], town: 'Leeds', postcode: 'LS1 1AA', countryCode: 'GB' }),
    ['A', '1 Road', 'Leeds LS1 1AA', 'GB'])
})

t.test('parseIsoDate accepts calendar dates only', async t => {
  t.equal(parseIsoDate('2024-02-29', 'd').toISOString(), '2024-02-29T00:00:00.000Z')
  t.throws(() => parseIsoDate('2024-02-30', 'd'), RangeError, 'no roll-over into March')
  t.throws(() => parseIsoDate('2024-02-28T10:00', 'd'), RangeError)
  t.throws(() => parseIsoDate('2024-13-01', 'd'), RangeError)
  t.throws(() => parseIsoDate('', 'shipDate'), { message: /shipDate/ })
})
