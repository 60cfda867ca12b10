import t from 'tap'
import {
  consignmentReferenceFromLinks, consignmentReferenceInText, referenceFromHref
} from '../../../src/services/pro/references.js'

t.test('referenceFromHref takes the last path segment whatever the host', async (t) => {
  const cases: Array<[string, string | undefined]> = [
    ['https://api.electioapp.com/consignments/EC-000-05B-MMA', 'EC-000-05B-MMA'],
    ['https://apisandbox.electioapp.com/consignments/EC-000-05B-MMA', 'EC-000-05B-MMA'],
    ['https://apis.electioapp.com/consignments/EC-000-05C-VQ4', 'EC-000-05C-VQ4'],
    ['http://127.0.0.1:4010/consignments/EC-000-05B-MMA/', 'EC-000-05B-MMA'],
    ['https://api.electioapp.com/consignments/EC-000-05B-MMA//', 'EC-000-05B-MMA'],
    ['https://api.electioapp.com/consignments/EC-000-05B-MMA?expand=true#top', 'EC-000-05B-MMA'],
    ['/orders/EO-000-002-0TT', 'EO-000-002-0TT'],
    ['consignments/EC-1', 'EC-1'],
    ['  https://api.electioapp.com/labels/EC-1  ', 'EC-1'],
    ['https://api.electioapp.com/consignments/EC%2F1', 'EC/1'],
    ['https://api.electioapp.com/consignments/%E0%A4%A', '%E0%A4%A'],
    ['https://api.electioapp.com/', undefined],
    ['https://api.electioapp.com', undefined],
    ['', undefined],
    ['http://', undefined]
  ]
  for (const [href, expected] of cases) t.equal(referenceFromHref(href), expected, JSON.stringify(href))
})

t.test('consignmentReferenceFromLinks takes the first link that names a consignment', async (t) => {
  t.equal(consignmentReferenceFromLinks([
    { Rel: 'Order', Href: 'https://api.electioapp.com/orders/EO-1' },
    { Rel: 'label', Href: 'https://api.electioapp.com/labels/EC-2' },
    { Rel: 'detail', Href: 'https://api.electioapp.com/consignments/EC-3' }
  ]), 'EC-2')
  t.equal(consignmentReferenceFromLinks([{ Rel: 'Order', Href: '/orders/EO-1' }]), undefined)
  t.equal(consignmentReferenceFromLinks(null), undefined)
})

t.test('consignmentReferenceInText finds a reference in a description', async (t) => {
  t.equal(consignmentReferenceInText('Consignment EC-000-05B-MMA has been successfully allocated'), 'EC-000-05B-MMA')
  t.equal(consignmentReferenceInText('no reference here'), undefined)
  t.equal(consignmentReferenceInText(null), undefined)
})
