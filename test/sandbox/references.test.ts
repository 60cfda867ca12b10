import t from 'tap'
import { ReferenceGenerator } from '../../src/sandbox/references.js'

t.test('references have PRO\'s shapes and never repeat', async t => {
  const references = new ReferenceGenerator()
  const consignments = Array.from({ length: 500 }, () => references.next('EC'))
  t.ok(consignments.every(reference => /^EC-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/.test(reference)))
  t.equal(new Set(consignments).size, 500)
  t.match(references.next('EDO'), /^EDO-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/)
  t.match(references.hex32(), /^[0-9a-f]{32}$/)
  t.match(references.guid(), /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
})

t.test('tracking numbers follow each carrier\'s pattern', async t => {
  const references = new ReferenceGenerator()
  t.match(references.trackingNumber('ROYAL_MAIL'), /^RM\d{9}GB$/)
  t.match(references.trackingNumber('DPD'), /^15501\d{9}$/)
  t.match(references.trackingNumber('EVRI'), /^H01A\d{9}000$/)
  t.not(references.trackingNumber('DPD'), references.trackingNumber('DPD'))
})
