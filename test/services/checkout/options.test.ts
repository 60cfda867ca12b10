import t from 'tap'
import { readFileSync } from 'node:fs'
import { CoalescingCache } from '../../../src/services/checkout/coalescing-cache.js'
import { createOptionsService, type OptionsServiceDeps } from '../../../src/services/checkout/options.js'
import { ProUnavailableError } from '../../../src/services/pro/errors.js'
import { readers } from '../../../src/services/pro/readers.js'
import type { DeliveryOptionsResponse, PickupOptionsResponse } from '../../../src/services/pro/schemas/options.js'
import type { Queryable } from '../../../src/services/store/transaction.js'
import type { OptionsRequest, OptionsResponse } from '../../../src/schemas/checkout-options.js'

const examplesDir = new URL('../../fixtures/pro-examples/', import.meta.url)
const example = (name: string): unknown => JSON.parse(readFileSync(new URL(name, examplesDir), 'utf8'))
const deliveryAnswer = readers.deliveryOptions.read(example('delivery-options.response.json'))
const pickupAnswer = readers.pickupOptions.read(example('pickup-options.response.json'))

const body: OptionsRequest = {
  items: [{ sku: 'SKU-1', quantity: 1, weightKg: 0.5, unitPrice: { amount: '5.99', currency: 'GBP' } }],
  destination: { name: 'Peter McPetersson', addressLines: ['13 Porter Street'], town: 'Manchester', postcode: 'M1 5WG', countryCode: 'GB' }
}

const silent = { debug () {}, info () {}, warn () {}, error () {} }

/** 23:30 UK time, half an hour before the example's first cut-off (2019-06-17T00:00:00+01:00). */
const START = Date.parse('2019-06-16T22:30:00Z')

function setUp (pro: Partial<OptionsServiceDeps['pro']>, options: { ttlMs?: number, failSave?: boolean } = {}) {
  let now = START
  const saved: unknown[][] = []
  const db = {
    query: async (_text: string, values: unknown[]) => {
      if (options.failSave === true) throw new Error('database down')
      saved.push(values)
      return { rows: [], rowCount: 0 }
    }
  } as unknown as Queryable
  const calls = { delivery: 0, pickup: 0 }
  const service = createOptionsService({
    pro: {
      deliveryOptions: async (request) => { calls.delivery++; return await (pro.deliveryOptions ?? (async () => deliveryAnswer))(request) },
      pickupOptions: async (request) => { calls.pickup++; return await (pro.pickupOptions ?? (async () => pickupAnswer))(request) }
    },
    db,
    cache: new CoalescingCache<OptionsResponse>({ maxEntries: 10, maxTtlMs: options.ttlMs ?? 3_600_000, now: () => now }),
    defaultShippingLocation: 'EDC5_Electio',
    requestDefaults: {
      parcel: { dimensionsCm: { length: 30, width: 20, height: 15 } },
      contactTitle: 'Mx',
      originCountry: 'GB',
      customs: { category: 'SaleOfGoods', shippingTerms: 'DAP', reasonForExport: 'Sale' }
    },
    now: () => new Date(now),
    log: silent
  })
  return { service, calls, saved, advance: (ms: number) => { now += ms } }
}

t.test('an answer is cached until its earliest cut-off, even when the TTL is longer', async (t) => {
  const { service, calls, saved, advance } = setUp({})
  const first = await service.getOptions(body)
  t.same(first.options.map((option) => option.id), ['EDO-000-6DX-6XP', 'EDO-000-6DX-6XQ'])
  t.equal(calls.delivery, 1)
  t.equal(calls.pickup, 0, 'no pickup call unless pickup is asked for')
  t.equal(saved.length, 1, 'the offers are saved before the answer')
  t.match(saved[0]?.[0], /^[0-9a-f]{64}$/, 'under the request key')
  t.same(JSON.parse(String(saved[0]?.[2])).map((option: { id: string }) => option.id), ['EDO-000-6DX-6XP', 'EDO-000-6DX-6XQ'])

  advance(29 * 60_000)
  t.equal(await service.getOptions(body), first, 'served from memory')
  t.equal(calls.delivery, 1)

  advance(60_000)
  const after = await service.getOptions(body)
  t.equal(calls.delivery, 2, 'the first option\'s cut-off passed, so PRO is asked again')
  t.same(after.options.map((option) => option.id), ['EDO-000-6DX-6XQ'])
})

t.test('delivery and pickup are asked for in parallel', async (t) => {
  let releaseDelivery!: (answer: DeliveryOptionsResponse) => void
  let pickupStarted = false
  const { service, calls } = setUp({
    deliveryOptions: async () => await new Promise<DeliveryOptionsResponse>((resolve) => { releaseDelivery = resolve }),
    pickupOptions: async (): Promise<PickupOptionsResponse> => { pickupStarted = true; return pickupAnswer }
  })
  const answer = service.getOptions({ ...body, include: ['delivery', 'pickup'] })
  await new Promise((resolve) => setImmediate(resolve))
  t.ok(pickupStarted, 'the pickup call started while the delivery call was still running')
  releaseDelivery(deliveryAnswer)
  const response = await answer
  t.same(calls, { delivery: 1, pickup: 1 })
  t.equal(response.options.length, 2)
  t.equal(response.reason, 'no pickup points with options within 5 km of this address in the date range',
    'the example\'s pickup options expired in May 2019')
})

t.test('PRO errors propagate and are not cached; unusable input never reaches PRO', async (t) => {
  let fail = true
  const { service, calls } = setUp({
    deliveryOptions: async () => {
      if (fail) throw new ProUnavailableError('deliveryOptions', { upstreamStatus: 503, outcomeUnknown: false })
      return deliveryAnswer
    }
  })
  await t.rejects(service.getOptions(body), { code: 'UPSTREAM_UNAVAILABLE', status: 503, retryAfterSeconds: 5 })
  fail = false
  t.equal((await service.getOptions(body)).options.length, 2)
  t.equal(calls.delivery, 2)

  await t.rejects(service.getOptions({ ...body, destination: { ...body.destination, town: '  ' } }), {
    code: 'VALIDATION_FAILED', errors: [{ field: '/body/destination/town' }]
  })
  t.equal(calls.delivery, 2)
})

t.test('no answer without saved offers', async (t) => {
  const { service } = setUp({}, { failSave: true })
  const error = await service.getOptions(body).then(() => undefined, (caught: unknown) => caught as Error)
  t.equal(error?.constructor, Error)
  t.equal(error?.message, 'database down', 'the database\'s own error')
})
