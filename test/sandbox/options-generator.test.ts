import t from 'tap'
import { findService, SERVICES } from '../../src/sandbox/catalogue.js'
import type { ShipmentProfile } from '../../src/sandbox/eligibility.js'
import { deliveryDateFor, generateOptions } from '../../src/sandbox/options-generator.js'
import { findShippingLocation } from '../../src/sandbox/shipping-locations.js'

const domestic: ShipmentProfile = { originCountry: 'GB', destinationCountry: 'GB', toPickupShop: false, packageWeightsKg: [1], tags: [] }
const manchester = findShippingLocation('EDC5_Electio')
const homeServices = SERVICES.filter(service => service.scope !== 'pickup')

function query (now: string, overrides: Partial<Parameters<typeof generateOptions>[0]> = {}) {
  if (manchester === undefined) throw new Error('catalogue lacks EDC5_Electio')
  return { now: new Date(now), location: manchester, services: homeServices, profile: domestic, totalWeightKg: 1, earliestDispatch: null, lastDeliveryDate: null, guaranteedOnly: false, ...overrides }
}

t.test('the Saturday service delivers only after a Friday collection', async t => {
  const saturday = findService('MPD_DPDSAT')
  if (saturday === undefined) throw new Error('no Saturday service')
  t.equal(deliveryDateFor(saturday, '2025-06-06'), '2025-06-07')
  t.equal(deliveryDateFor(saturday, '2025-06-05'), null)
})

t.test('after Friday\'s cut-off the next collection is Monday', async t => {
  const drafts = generateOptions(query('2025-06-06T16:30:00Z'))
  t.equal(drafts[0]?.dispatchDate, '2025-06-09')
  t.equal(drafts[0]?.deliveryDate, '2025-06-10')
  t.notOk(drafts.some(draft => draft.service.reference === 'MPD_DPDSAT' && draft.deliveryDate === '2025-06-07'), 'this Saturday is gone')
})

t.test('a ShippingDate moves the first collection', async t => {
  const drafts = generateOptions(query('2025-06-02T09:00:00Z', { earliestDispatch: '2025-06-05' }))
  t.ok(drafts.every(draft => draft.dispatchDate >= '2025-06-05'))
  t.equal(drafts[0]?.deliveryDate, '2025-06-06')
})

t.test('services that cannot take the shipment are left out', async t => {
  const heavy = generateOptions(query('2025-06-02T09:00:00Z', { profile: { ...domestic, packageWeightsKg: [25] }, totalWeightKg: 25 }))
  t.ok(heavy.length > 0)
  t.ok(heavy.every(draft => draft.service.carrierReference === 'DPD'), 'only DPD takes 25 kg parcels')
  const toFrance = generateOptions(query('2025-06-02T09:00:00Z', { profile: { ...domestic, destinationCountry: 'FR' } }))
  t.same([...new Set(toFrance.map(draft => draft.service.reference))].sort(), ['MPD_DPDCLASSIC', 'MPD_RMINTTRK'])
})
