import t from 'tap'
import { decodeBase64 } from '../../../src/services/pro/files.js'

t.test('decodeBase64 decodes padded, unpadded and line-wrapped base64', async (t) => {
  const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10])
  const encoded = bytes.toString('base64')
  t.ok(decodeBase64(encoded)?.equals(bytes))
  t.ok(decodeBase64(encoded.replace(/=+$/, ''))?.equals(bytes))
  t.ok(decodeBase64(`${encoded.slice(0, 4)}\r\n${encoded.slice(4)}`)?.equals(bytes))
})

t.test('decodeBase64 refuses what Buffer.from would silently mangle', async (t) => {
  for (const bad of ['SlZC ... TVRr==', '(document data)', '', 'QUJD=', 'QQ=A', 'A', 'Zm9v-YmFy']) {
    t.equal(decodeBase64(bad), undefined, JSON.stringify(bad))
  }
})
