import t from 'tap'
import { readFileSync } from 'node:fs'
import { readers } from '../../../src/services/pro/readers.js'
import type { DeliveryOptionsResponse } from '../../../src/services/pro/schemas/options.js'
import {
  calendarDate, earliestCutOff, groupByDay, hoursAndMinutes, instantWithOffset, mapOption, mapOptionsResponse, mapPrice, utcOffset
} from '../../../src/services/checkout/options-mapping.js'
import { buildDeliveryOptionsRequest, buildPickupOptionsRequest, normaliseOptionsRequest } from '../../../src/services/checkout/options-request.js'
import { MONDAY_MORNING } from '../../sandbox/helper.js'
import { startSimulator } from '../pro/simulator.js'

const examplesDir = new URL('../../fixtures/pro-examples/', import.meta.url)
const example = (name: string): unknown => JSON.parse(readFileSync(new URL(name, examplesDir), 'utf8'))
const deliveryExample = () => readers.deliveryOptions.read(example('delivery-options.response.json'))
const pickupExample = () => readers.pickupOptions.read(example('pickup-options.response.json'))

const BEFORE_DELIVERY_CUT_OFFS = new Date('2019-06-16T12:00:00+01:00')
const BEFORE_PICKUP_CUT_OFFS = new Date('2019-05-16T12:00:00+01:00')

t.test('the vendor\'s delivery options example', async (t) => {
  const response = mapOptionsResponse(deliveryExample(), undefined, { now: BEFORE_DELIVERY_CUT_OFFS, include: ['delivery'] })
  const common = {
    type: 'delivery',
    window: { start: '00:00', end: '23:59', utcOffset: '+01:00' },
    guaranteed: true,
    carrier: 'Carrier X',
    service: 'Tracked 48 Signed For',
    serviceReference: 'MPD_T48CX',
    price: { net: '27.69', gross: '33.23', tax: '5.54', currency: 'GBP' }
  }
  t.strictSame(response.options, [
    { ...common, id: 'EDO-000-6DX-6XP', date: '2019-06-19', dayOfWeek: 'Wednesday', cutOff: '2019-06-17T00:00:00+01:00' },
    // The example calls 2019-06-20 a Wednesday; it was a Thursday.
    { ...common, id: 'EDO-000-6DX-6XQ', date: '2019-06-20', dayOfWeek: 'Thursday', cutOff: '2019-06-18T00:00:00+01:00' }
  ], 'ids, dates, windows, prices and cut-offs; the no-break spaces in the service name become spaces')
  t.strictSame(response.days, [
    { date: '2019-06-19', dayOfWeek: 'Wednesday', optionIds: ['EDO-000-6DX-6XP'] },
    { date: '2019-06-20', dayOfWeek: 'Thursday', optionIds: ['EDO-000-6DX-6XQ'] }
  ])
  t.strictSame(response.pickupPoints, [])
  t.equal(response.reason, undefined)

  const later = mapOptionsResponse(deliveryExample(), undefined, { now: new Date('2019-06-17T00:00:00+01:00'), include: ['delivery'] })
  t.same(later.options.map((option) => option.id), ['EDO-000-6DX-6XQ'], 'an option is dropped at its cut-off')
  t.equal(earliestCutOff(response.options), Date.parse('2019-06-17T00:00:00+01:00'))
})

t.test('the vendor\'s pickup options example', async (t) => {
  const response = mapOptionsResponse(undefined, pickupExample(), { now: BEFORE_PICKUP_CUT_OFFS, include: ['pickup'], pickupRadiusKm: 1 })
  const common = {
    type: 'pickup',
    window: { start: '09:00', end: '17:30', utcOffset: '+01:00' },
    guaranteed: true,
    carrier: 'DPD',
    service: 'DPD Ship To Shop',
    serviceReference: 'EDC5_DPDSS',
    price: { net: '5.99', gross: '7.19', tax: '1.20', currency: 'GBP' },
    pickupPointId: 'GB14002'
  }
  t.strictSame(response.options, [
    { ...common, id: 'EDO-000-AHP-09G', date: '2019-05-17', dayOfWeek: 'Friday', cutOff: '2019-05-16T15:30:00+01:00' },
    { ...common, id: 'EDO-000-AHP-094', date: '2019-05-20', dayOfWeek: 'Monday', cutOff: '2019-05-18T12:30:00+01:00' },
    { ...common, id: 'EDO-000-AHP-093', date: '2019-05-21', dayOfWeek: 'Tuesday', cutOff: '2019-05-17T15:30:00+01:00' }
  ], 'sorted by date, each a pickup option at GB14002')
  const weekday = (day: string) => ({ day, open: '11:00', close: '18:00' })
  t.strictSame(response.pickupPoints, [{
    id: 'GB14002',
    name: 'I-Smart Communications',
    address: { addressLines: ['41 Whitworth Street West', 'The Lock Building'], town: 'Manchester', postcode: 'M1 5BD', countryCode: 'GB' },
    distance: { value: 0.15, unit: 'km' },
    openingHours: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map(weekday)
  }])
  t.same(response.days.map((day) => day.date), ['2019-05-17', '2019-05-20', '2019-05-21'])

  const afterFriday = mapOptionsResponse(undefined, pickupExample(), { now: new Date('2019-05-17T16:00:00+01:00'), include: ['pickup'] })
  t.same(afterFriday.options.map((option) => option.id), ['EDO-000-AHP-094'], 'both options whose cut-off passed are dropped')

  const allPast = mapOptionsResponse(undefined, pickupExample(), { now: new Date('2019-06-01T00:00:00Z'), include: ['pickup'], pickupRadiusKm: 1 })
  t.strictSame(allPast.pickupPoints, [], 'a point without a usable option is left out')
  t.equal(allPast.reason, 'no pickup options for this address and basket in the date range')
})

t.test('days list their options cheapest first; options are sorted by date then price', async (t) => {
  const answer = deliveryExample()
  const [first, second] = answer.DeliveryOptions
  const cheaper = structuredClone(second!)
  cheaper.Reference = 'EDO-000-CHEAP'
  cheaper.EstimatedDeliveryDate.Date = first!.EstimatedDeliveryDate.Date
  cheaper.Price = { ...cheaper.Price!, Net: 3, Gross: 3.6, VatAmount: 0.6 }
  const combined: DeliveryOptionsResponse = { DeliveryOptions: [first!, second!, cheaper] }
  const response = mapOptionsResponse(combined, pickupExample(), { now: BEFORE_PICKUP_CUT_OFFS, include: ['delivery', 'pickup'] })
  t.same(response.days.map((day) => [day.date, day.optionIds]), [
    ['2019-05-17', ['EDO-000-AHP-09G']],
    ['2019-05-20', ['EDO-000-AHP-094']],
    ['2019-05-21', ['EDO-000-AHP-093']],
    ['2019-06-19', ['EDO-000-CHEAP', 'EDO-000-6DX-6XP']],
    ['2019-06-20', ['EDO-000-6DX-6XQ']]
  ])
  t.same(response.options.map((option) => option.id), [
    'EDO-000-AHP-09G', 'EDO-000-AHP-094', 'EDO-000-AHP-093', 'EDO-000-CHEAP', 'EDO-000-6DX-6XP', 'EDO-000-6DX-6XQ'
  ])
  t.same(groupByDay([...response.options].reverse()), response.days, 'grouping does not depend on input order')
})

t.test('the date range asked for is applied to what PRO answers', async (t) => {
  const response = mapOptionsResponse(deliveryExample(), undefined, {
    now: BEFORE_DELIVERY_CUT_OFFS, include: ['delivery'], deliveryDateFrom: '2019-06-20', deliveryDateTo: '2019-06-30'
  })
  t.same(response.options.map((option) => option.id), ['EDO-000-6DX-6XQ'])
  const none = mapOptionsResponse(deliveryExample(), undefined, { now: BEFORE_DELIVERY_CUT_OFFS, include: ['delivery'], deliveryDateTo: '2019-06-18' })
  t.strictSame(none, { options: [], days: [], pickupPoints: [], reason: 'no delivery options for this address and basket in the date range' })
})

t.test('pieces: dates, times, offsets, instants, prices', async (t) => {
  t.equal(calendarDate('2019-06-19T23:30:00-05:00'), '2019-06-19', 'the date as written, not shifted to UTC')
  t.equal(calendarDate('2019-06-19'), '2019-06-19')
  t.equal(calendarDate('19/06/2019'), undefined)
  t.equal(hoursAndMinutes('07:00:00'), '07:00')
  t.equal(hoursAndMinutes('7:05'), '07:05')
  t.equal(utcOffset('0:00'), '+00:00', 'the pickup example writes offsets like this')
  t.equal(utcOffset('-0500'), '-05:00')
  t.equal(utcOffset(null), undefined)
  t.same(instantWithOffset('2019-06-17T16:30:00Z'), { text: '2019-06-17T16:30:00+00:00', offset: '+00:00' })
  t.same(instantWithOffset('2019-06-17T16:30'), { text: '2019-06-17T16:30:00+01:00', offset: '+01:00' }, 'no offset: UK local time, BST in June')
  t.same(instantWithOffset('2019-01-17T16:30:00'), { text: '2019-01-17T16:30:00+00:00', offset: '+00:00' }, 'no offset: UK local time, GMT in January')
  t.same(instantWithOffset('2024-03-31T02:30:00'), { text: '2024-03-31T02:30:00+01:00', offset: '+01:00' }, 'clocks went forward at 01:00 GMT')
  t.same(instantWithOffset('2024-10-27T00:30:00'), { text: '2024-10-27T00:30:00+01:00', offset: '+01:00' }, 'still BST before the clocks go back')
  t.same(instantWithOffset('2024-10-27T02:30:00'), { text: '2024-10-27T02:30:00+00:00', offset: '+00:00' }, 'GMT after the clocks went back')
  t.equal(instantWithOffset('soon'), undefined)
  const currency = { Name: 'Pound Sterling', IsoCode: 'GBP' }
  t.same(mapPrice({ Net: 10, Gross: 12, TaxAmount: 2, Currency: currency }), { net: '10.00', gross: '12.00', tax: '2.00', currency: 'GBP' })
  t.same(mapPrice({ Net: 4.1, Gross: 4.92, Currency: currency }), { net: '4.10', gross: '4.92', tax: '0.82', currency: 'GBP' }, 'tax = gross − net when PRO gives no amount')
  const option = deliveryExample().DeliveryOptions[0]!
  t.equal(mapOption({ ...option, Price: null }, 'delivery'), undefined, 'an option without a price cannot be offered')
  t.equal(mapOption({ ...option, AllocationCutOff: undefined }, 'delivery'), undefined, 'nor one without a cut-off')
  t.same(mapOption({ ...option, DeliveryWindow: null }, 'delivery')?.window, { start: '00:00', end: '23:59', utcOffset: '+01:00' }, 'no window = all day, in the cut-off\'s zone')
})

t.test('answers from the simulator map one to one', async (t) => {
  const simulator = await startSimulator(t)
  const request = normaliseOptionsRequest({
    items: [{ sku: 'SKU-1', quantity: 2, weightKg: 0.5, unitPrice: { amount: '5.99', currency: 'GBP' } }],
    destination: { name: 'Ada Lovelace', addressLines: ['1 Analytical Way'], town: 'Manchester', postcode: 'M1 5WG', countryCode: 'GB' },
    include: ['delivery', 'pickup']
  }, 'EDC5_Electio', 'GB')
  const defaults = {
    parcel: { dimensionsCm: { length: 30, width: 20, height: 15 } },
    contactTitle: 'Mx',
    originCountry: 'GB',
    customs: { category: 'SaleOfGoods', shippingTerms: 'DAP', reasonForExport: 'Sale' }
  } as const
  const [delivery, pickup] = await Promise.all([
    simulator.client.deliveryOptions(buildDeliveryOptionsRequest(request, defaults, new Date())),
    simulator.client.pickupOptions(buildPickupOptionsRequest(request, defaults, new Date()))
  ])
  const response = mapOptionsResponse(delivery, pickup, { now: MONDAY_MORNING, include: request.include })
  const raw = [...delivery.DeliveryOptions, ...pickup.Locations.flatMap((location) => location.DeliveryOptions)]
  t.same(response.options.map((option) => option.id).sort(), raw.map((option) => option.Reference).sort(),
    'every option the simulator offered is still ahead of its cut-off and kept')
  // Monday 2 June 2025 10:00 UK: DPD Next Day (6.20 + 0.35/kg, 1 kg, 20% VAT) leaves today, arrives Tuesday.
  const nextDay = response.options.find((option) => option.serviceReference === 'MPD_DPDNEXTDAY')
  t.match(nextDay, {
    type: 'delivery',
    date: '2025-06-03',
    dayOfWeek: 'Tuesday',
    carrier: 'DPD',
    price: { net: '6.55', gross: '7.86', tax: '1.31', currency: 'GBP' },
    cutOff: '2025-06-02T17:00:00+01:00'
  })
  t.same(response.options.find((option) => option.serviceReference === 'MPD_DPDAM')?.window, { start: '07:00', end: '12:00', utcOffset: '+01:00' })
  t.same(response.options.find((option) => option.serviceReference === 'MPD_EVRINDPM')?.window, { start: '12:00', end: '18:00', utcOffset: '+01:00' })
  t.same([...new Set(response.options.map((option) => option.carrier))].sort(), ['DPD', 'Evri', 'Royal Mail'])
  // DPD Pickup Shop (4.10 + 0.30/kg, 1 kg, 20% VAT) at the first shop the simulator lists for M1 5WG, open 07:00–22:00.
  t.match(response.options.find((option) => option.type === 'pickup' && option.pickupPointId === 'GB11275'), {
    date: '2025-06-03',
    window: { start: '07:00', end: '22:00', utcOffset: '+01:00' },
    carrier: 'DPD',
    service: 'DPD Pickup Shop',
    price: { net: '4.40', gross: '5.28', tax: '0.88', currency: 'GBP' },
    cutOff: '2025-06-02T17:00:00+01:00'
  })
  const pickupIds = new Set(response.pickupPoints.map((point) => point.id))
  t.ok(pickupIds.has('GB11275'))
  t.ok(response.options.filter((option) => option.type === 'pickup').every((option) => pickupIds.has(option.pickupPointId ?? '')))
})
