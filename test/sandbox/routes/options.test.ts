import t from 'tap'
import { addDays, weekday } from '../../../src/sandbox/calendar.js'
import { orderFromOption, pro, shipmentRequest, startSandbox, stats } from '../helper.js'

const TODAY = '2025-06-02'
const day = (option: any): string => option.EstimatedDeliveryDate.Date.slice(0, 10)
const windowOf = (option: any): string => `${option.DeliveryWindow.Start}-${option.DeliveryWindow.End}`

t.test('delivery options cover 14 days with several carriers and windows per day', async t => {
  const { app } = await startSandbox(t)
  const { status, body } = await pro(app, 'POST', '/deliveryoptions', shipmentRequest())
  t.equal(status, 200)
  const options: any[] = body.DeliveryOptions
  const days = [...new Set(options.map(day))].sort()
  t.equal(days[0], addDays(TODAY, 1), 'next-day delivery is the earliest')
  t.equal(days.at(-1), addDays(TODAY, 14), 'the last day offered is 14 days ahead')
  t.ok(days.every(date => weekday(date) !== 0), 'no Sunday delivery')
  const tuesday = options.filter(option => day(option) === addDays(TODAY, 1))
  t.ok(new Set(tuesday.map(option => option.Carrier)).size >= 3, 'at least three carriers on one day')
  const windows = new Set(options.map(windowOf))
  for (const window of ['00:00:00-23:59:00', '07:00:00-12:00:00', '12:00:00-18:00:00', '17:00:00-22:00:00']) t.ok(windows.has(window), `window ${window} offered`)
  for (const option of options) {
    t.match(option.Reference, /^EDO-[0-9A-Z]{3}-[0-9A-Z]{3}-[0-9A-Z]{3}$/)
    t.ok(option.Price.TaxRate, 'delivery options name the tax object TaxRate')
  }
  const saturdays = options.filter(option => weekday(day(option)) === 6)
  t.ok(saturdays.length > 0, 'Saturday delivery offered')
  t.same([...new Set(saturdays.map(option => option.CarrierServiceReference))], ['MPD_DPDSAT'], 'only from the Saturday service')
  t.notOk(options.some(option => option.CarrierServiceReference === 'MPD_DPDSAT' && weekday(day(option)) !== 6), 'the Saturday service delivers only on Saturdays')
})

t.test('prices grow with weight and with speed', async t => {
  const { app } = await startSandbox(t)
  const light = (await pro(app, 'POST', '/deliveryoptions', shipmentRequest({ weightKg: 1 }))).body.DeliveryOptions as any[]
  const heavy = (await pro(app, 'POST', '/deliveryoptions', shipmentRequest({ weightKg: 12 }))).body.DeliveryOptions as any[]
  for (const option of light) {
    const same = heavy.find(candidate => candidate.CarrierServiceReference === option.CarrierServiceReference && day(candidate) === day(option))
    t.ok(same !== undefined && same.Price.Gross > option.Price.Gross, `${option.CarrierServiceReference} costs more for 12 kg`)
  }
  const wednesday = light.filter(option => day(option) === addDays(TODAY, 2))
  const gross = (reference: string): number => wednesday.find(option => option.CarrierServiceReference === reference).Price.Gross
  t.ok(gross('MPD_RMT24') > gross('MPD_RMT48'), 'next day costs more than 48 hours')
  t.ok(gross('MPD_EVRINDPM') > gross('MPD_EVRI48'))
  const allDay = wednesday.filter(option => windowOf(option) === '00:00:00-23:59:00').map(option => option.Price.Gross)
  const timed = wednesday.filter(option => windowOf(option) !== '00:00:00-23:59:00').map(option => option.Price.Gross)
  t.ok(Math.min(...timed) > Math.max(...allDay), 'every timed option costs more than every all-day option')
})

t.test('GuaranteedOnly and DeliveryDate narrow the options', async t => {
  const { app } = await startSandbox(t)
  const guaranteed = (await pro(app, 'POST', '/deliveryoptions', { ...shipmentRequest(), GuaranteedOnly: true })).body.DeliveryOptions as any[]
  t.ok(guaranteed.length > 0)
  t.ok(guaranteed.every(option => option.EstimatedDeliveryDate.Guaranteed === true))
  t.notOk(guaranteed.some(option => option.CarrierServiceReference === 'MPD_RMT48'), 'non-guaranteed Tracked 48 left out')
  const untilWednesday = (await pro(app, 'POST', '/deliveryoptions', { ...shipmentRequest(), DeliveryDate: '2025-06-04T00:00:00+00:00' })).body.DeliveryOptions as any[]
  t.same([...new Set(untilWednesday.map(day))].sort(), ['2025-06-03', '2025-06-04'])
})

t.test('each option expires at its warehouse collection cut-off', async t => {
  const { app, clock } = await startSandbox(t)
  const manchester = (await pro(app, 'POST', '/deliveryoptions', shipmentRequest())).body.DeliveryOptions as any[]
  const bristol = (await pro(app, 'POST', '/deliveryoptions', shipmentRequest({ origin: 'WH_BRISTOL' }))).body.DeliveryOptions as any[]
  const first = manchester[0]
  t.equal(first.AllocationCutOff, '2025-06-02T17:00:00+01:00', 'Manchester collects at 17:00')
  t.equal(bristol[0].AllocationCutOff, '2025-06-02T15:30:00+01:00', 'Bristol collects at 15:30')

  clock.set('2025-06-02T16:30:00Z')
  const later = (await pro(app, 'POST', '/deliveryoptions', shipmentRequest())).body.DeliveryOptions as any[]
  t.notOk(later.some(option => option.AllocationCutOff === first.AllocationCutOff), 'options past their cut-off are no longer offered')
  t.equal(later[0].AllocationCutOff, '2025-06-03T17:00:00+01:00')

  const expired = await pro(app, 'POST', '/deliveryoptions/selectorder', { DeliveryOptions: [{ Reference: first.Reference }] })
  t.equal(expired.status, 200, 'PRO answers per entry')
  t.match(expired.body.SelectOrderResults, [{ DeliveryOptionReference: first.Reference, OrderReference: null, Status: 400, Message: /expired/ }])
  t.same((await stats(app)).orders, {}, 'no order was created')
})

t.test('invalid option requests get PRO 400s naming the field', async t => {
  const { app } = await startSandbox(t)
  const cases: Array<[string, unknown, string, string]> = [
    ['unknown shipping location', shipmentRequest({ origin: 'NOWHERE' }), 'ShippingLocationNotFound', 'Addresses[0].ShippingLocationReference'],
    ['missing packages', { Addresses: shipmentRequest().Addresses }, 'ValidationFailed', 'Packages'],
    ['empty packages', { ...shipmentRequest(), Packages: [] }, 'ValidationFailed', 'Packages'],
    ['missing addresses', { Packages: shipmentRequest().Packages }, 'ValidationFailed', 'Addresses'],
    ['no destination', { ...shipmentRequest(), Addresses: [shipmentRequest().Addresses[0]] }, 'AddressRequired', 'Addresses'],
    ['destination without country', { ...shipmentRequest(), Addresses: [shipmentRequest().Addresses[0], { AddressType: 'Destination', Postcode: 'M1 1AA' }] }, 'ValidationFailed', 'Addresses[1].Country'],
    ['negative weight', { ...shipmentRequest(), Packages: [{ Weight: { Value: -1, Unit: 'Kg' } }] }, 'ValidationFailed', 'Packages[0].Weight.Value']
  ]
  for (const [name, body, code, target] of cases) {
    const response = await pro(app, 'POST', '/deliveryoptions', body)
    t.equal(response.status, 400, name)
    t.equal(response.body.Code, code, `${name}: code`)
    t.equal(response.body.Details?.[0]?.Target, target, `${name}: target`)
    t.match(response.body.CorrelationId, /^[0-9a-f-]{36}$/)
  }
})

t.test('no options is a null list, not an empty one (the stricter reading of the docs)', async t => {
  const { app } = await startSandbox(t)
  const heavy = await pro(app, 'POST', '/deliveryoptions', shipmentRequest({ weightKg: 100 }))
  t.equal(heavy.status, 200)
  t.same(heavy.body, { DeliveryOptions: null }, 'no service carries 100 kg')
  const nowhere = await pro(app, 'POST', '/deliveryoptions/pickupoptions', { ...shipmentRequest(), Distance: { Unit: 'Km', Value: 0.001 }, MaxResults: 5 })
  t.equal(nowhere.status, 200)
  t.equal(nowhere.body.Locations, null, 'no shop within a metre')
})

t.test('pickup options: shops near the destination within the distance, each with options', async t => {
  const { app } = await startSandbox(t)
  const request = { ...shipmentRequest(), Distance: { Unit: 'Km', Value: 2 }, MaxResults: 3 }
  const { status, body } = await pro(app, 'POST', '/deliveryoptions/pickupoptions/', request)
  t.equal(status, 200, 'trailing slash accepted')
  t.equal(body.Locations.length, 3, 'MaxResults honoured')
  const everything = (await pro(app, 'POST', '/deliveryoptions/pickupoptions', { ...request, MaxResults: 50 })).body.Locations as any[]
  t.ok(everything.length > 3)
  t.ok(everything.every(location => location.Distance <= 2), 'Distance.Value honoured')
  t.ok(everything.length < 8, 'farther shops left out')
  for (const location of body.Locations) {
    t.type(location.LatLong.Latitude, 'number')
    t.same(Object.keys(location.OpeningTimes), ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'])
    t.match(location.OpeningTimes.Monday[0], { Start: String, End: String, UtcOffset: '+01:00' })
    t.ok(location.DeliveryOptions.length > 0)
    t.ok(location.DeliveryOptions.every((option: any) => ['MPD_DPDPICKUP', 'MPD_EVRISHOP'].includes(option.CarrierServiceReference) && option.Price.VatRate))
  }
  const chosen = body.Locations[0]
  const selected = await pro(app, 'POST', '/deliveryoptions/selectorder', { DeliveryOptions: [{ Reference: chosen.DeliveryOptions[0].Reference }] })
  const order = await pro(app, 'GET', `/orders/${selected.body.SelectOrderResults[0].OrderReference}`)
  const orderDestination = order.body.Addresses.find((address: any) => address.AddressType === 'Destination')
  t.equal(orderDestination.ShopLocationReference, chosen.ShopReference, 'the order delivers to the chosen shop')
})

t.test('option details return a stored option with its request', async t => {
  const { app } = await startSandbox(t)
  const option = (await pro(app, 'POST', '/deliveryoptions', shipmentRequest())).body.DeliveryOptions[3]
  const details = await pro(app, 'GET', `/deliveryoptions/details/${option.Reference}`)
  t.equal(details.status, 200)
  t.match(details.body.ConsignmentDetail.Reference, /^EPC-/)
  t.equal(details.body.ConsignmentDetail.Addresses.length, 2)
  t.equal(details.body.DeliveryOption.Reference, option.Reference)
  t.equal(details.body.DeliveryOption.Price.Gross, option.Price.Gross)
  t.ok(details.body.DeliveryOption.Price.VatRate)
  t.equal((await pro(app, 'GET', '/deliveryoptions/details/EDO-000-000-000')).status, 404)
})

t.test('select as order: unknown option rejected, selecting twice makes a duplicate order', async t => {
  const { app } = await startSandbox(t)
  const unknown = await pro(app, 'POST', '/deliveryoptions/selectorder', { DeliveryOptions: [{ Reference: 'EDO-000-000-000' }] })
  t.equal(unknown.status, 200, 'PRO answers per entry')
  t.match(unknown.body.SelectOrderResults, [{ DeliveryOptionReference: 'EDO-000-000-000', OrderReference: null, Status: 400, Message: /not found/ }])

  const { order, option } = await orderFromOption(app)
  t.match(order, /^EO-/)
  const again = await pro(app, 'POST', '/deliveryoptions/selectorder', { DeliveryOptions: [{ Reference: option.Reference }] })
  t.equal(again.status, 200, 'PRO is permissive')
  t.equal(again.body.SelectOrderResults[0].Status, 201)
  t.not(again.body.SelectOrderResults[0].OrderReference, order, 'a second order exists')
  t.equal(again.body.SelectOrderResults[0].Links[0].Href, `https://api.electioapp.com/orders/${again.body.SelectOrderResults[0].OrderReference}`)
  const after = await stats(app)
  t.equal(after.duplicates.orders, 1)
  t.equal(Object.keys(after.orders).length, 2)
  t.equal(after.counts.selectOrder, 3)
})
