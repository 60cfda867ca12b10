import t from 'tap'
import { performance } from 'node:perf_hooks'
import type { FastifyInstance } from 'fastify'
import { randomUUID } from 'node:crypto'
import { buildApp } from '../../helpers/app.js'
import { confirm, optionsOpenFor } from '../../helpers/checkout.js'

const destination = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  phone: '07700900123',
  addressLines: ['13 Porter Street'],
  town: 'Manchester',
  postcode: 'M1 5WG',
  countryCode: 'GB'
}

const basket = {
  items: [
    { sku: 'SKU-1001', quantity: 2, weightKg: 0.4, unitPrice: { amount: '19.99', currency: 'GBP' } },
    { sku: 'SKU-2002', quantity: 1, weightKg: 1.2, unitPrice: { amount: '5.00', currency: 'GBP' }, description: 'Teapot' }
  ],
  destination
}

async function options (app: FastifyInstance, payload: object) {
  return await app.inject({ method: 'POST', url: '/checkout/options', payload })
}

async function simulator (app: FastifyInstance, method: 'GET' | 'PUT', path: string, payload?: object): Promise<any> {
  const response = await app.proSimulator!.inject({ method, url: `/_sandbox/${path}`, ...(payload === undefined ? {} : { payload }) })
  return response.json()
}

const upstreamCalls = async (app: FastifyInstance): Promise<{ deliveryOptions: number, pickupOptions: number }> =>
  (await simulator(app, 'GET', 'stats')).counts

t.test('a basket gets dated options from several carriers, grouped by day cheapest first, and saved as offers', async (t) => {
  const app = await buildApp(t)
  const response = await options(app, basket)
  t.equal(response.statusCode, 200)
  t.equal(response.headers['cache-control'], 'no-store')
  const body = response.json()
  t.ok(new Set(body.options.map((option: any) => option.carrier)).size >= 3, 'at least three carriers')
  t.ok(body.days.length >= 3, 'several days')
  t.same(body.pickupPoints, [])
  t.equal(body.reason, undefined)
  for (const option of body.options) {
    t.match(option, {
      id: /^EDO-/,
      type: 'delivery',
      date: /^\d{4}-\d{2}-\d{2}$/,
      window: { start: /^\d{2}:\d{2}$/, end: /^\d{2}:\d{2}$/, utcOffset: /^[+-]\d{2}:\d{2}$/ },
      price: { net: /^\d+\.\d{2}$/, gross: /^\d+\.\d{2}$/, tax: /^\d+\.\d{2}$/, currency: 'GBP' },
      cutOff: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/
    })
    t.ok(Date.parse(option.cutOff) > Date.now(), `${option.id} is still ahead of its cut-off`)
  }

  const byId = new Map<string, any>(body.options.map((option: any) => [option.id, option]))
  const dates = body.days.map((day: any) => day.date)
  t.same(dates, [...dates].sort(), 'days in date order')
  for (const day of body.days) {
    const prices = day.optionIds.map((id: string) => Number(byId.get(id).price.gross))
    t.same(prices, [...prices].sort((a, b) => a - b), `${day.date} cheapest first`)
    t.ok(day.optionIds.every((id: string) => byId.get(id).date === day.date))
  }
  t.same(body.days.flatMap((day: any) => day.optionIds).sort(), [...byId.keys()].sort(), 'every option on exactly one day')

  const saved = await app.db.pool.query<{ option_id: string, request_key: string, request: any }>(
    'SELECT option_id, request_key, request FROM option_offers WHERE option_id = ANY($1)', [[...byId.keys()]])
  t.equal(saved.rowCount, body.options.length, 'every option offered is recorded')
  t.equal(new Set(saved.rows.map((row) => row.request_key)).size, 1, 'under one request key')
  t.match(saved.rows[0]?.request, { origin: 'EDC5_Electio', items: [{ sku: 'SKU-1001' }, { sku: 'SKU-2002' }], destination: { postcode: 'M1 5WG' } })
})

t.test('pickup points with opening hours come back when asked for', async (t) => {
  const app = await buildApp(t)
  const response = await options(app, { ...basket, include: ['delivery', 'pickup'], pickupRadiusKm: 2 })
  t.equal(response.statusCode, 200)
  const body = response.json()
  t.ok(body.pickupPoints.length > 0)
  for (const point of body.pickupPoints) {
    t.ok(point.distance.value <= 2, `${point.id} within the radius`)
    t.equal(point.distance.unit, 'km')
    t.ok(point.openingHours.length > 0)
    t.match(point, { name: /\S/, address: { countryCode: 'GB' }, location: { lat: Number, lng: Number } })
  }
  const pickup = body.options.filter((option: any) => option.type === 'pickup')
  t.ok(pickup.length > 0)
  const pointIds = new Set(body.pickupPoints.map((point: any) => point.id))
  t.ok(pickup.every((option: any) => pointIds.has(option.pickupPointId)), 'every pickup option names a listed point')
  t.ok(body.options.some((option: any) => option.type === 'delivery'))
  t.match(await upstreamCalls(app), { deliveryOptions: 1, pickupOptions: 1 }, 'one call of each, in parallel')
})

t.test('bad input is a 400 naming each bad field, without calling PRO', async (t) => {
  const app = await buildApp(t)
  const response = await options(app, { items: [], destination: { ...destination, postcode: '', countryCode: 'gb' }, include: ['drone'] })
  t.equal(response.statusCode, 400)
  t.match(response.headers['content-type'], /^application\/problem\+json/)
  const problem = response.json()
  t.equal(problem.code, 'VALIDATION_FAILED')
  const fields = problem.errors.map((error: any) => error.field)
  for (const field of ['/body/items', '/body/destination/postcode', '/body/destination/countryCode', '/body/include/0']) {
    t.ok(fields.includes(field), `names ${field}`)
  }

  const blank = await options(app, { ...basket, destination: { ...destination, postcode: '   ' } })
  t.equal(blank.statusCode, 400)
  t.same(blank.json().errors.map((error: any) => error.field), ['/body/destination/postcode'], 'a blank postcode too')

  const unpriced = await options(app, { ...basket, items: [basket.items[0], { sku: 'SKU-3003', quantity: 1 }] })
  t.equal(unpriced.statusCode, 400, 'PRO needs the parcel\'s value, so every item needs its price')
  t.same(unpriced.json().errors.map((error: any) => error.field), ['/body/items/1/unitPrice'])
  t.equal((await upstreamCalls(app)).deliveryOptions, 0)
})

t.test('ten concurrent identical requests make one PRO call; a request after the TTL makes another', async (t) => {
  const ttlMs = 60_000
  const app = await buildApp(t, { OPTIONS_CACHE_TTL_SECONDS: String(ttlMs / 1000) })
  // The options clock stands still unless moved: expiry depends on this test, not on how fast it runs.
  let now = Date.now()
  const loadedAt = now
  app.checkoutOptionsClock.now = () => now
  // A slow PRO keeps the first call in flight while the other nine arrive.
  await simulator(app, 'PUT', 'faults', { operations: { deliveryOptions: { latencyMs: 300 } } })
  const responses = await Promise.all(Array.from({ length: 10 }, () => options(app, basket)))
  t.same(responses.map((response) => response.statusCode), Array(10).fill(200))
  const first = responses[0]!.json()
  t.ok(responses.every((response) => response.body === responses[0]!.body), 'all ten got the same answer')
  t.equal((await upstreamCalls(app)).deliveryOptions, 1)

  const reordered = { ...basket, items: [...basket.items].reverse(), guaranteedOnly: false }
  t.same((await options(app, reordered)).json(), first, 'the same basket in another order is the same request')
  t.equal((await upstreamCalls(app)).deliveryOptions, 1)

  // Kept for the TTL, or until the earliest cut-off in the answer when that comes first.
  const expiresAt = Math.min(loadedAt + ttlMs, ...first.options.map((option: any) => Date.parse(option.cutOff)))
  now = expiresAt - 1
  t.equal((await options(app, basket)).statusCode, 200)
  t.equal((await upstreamCalls(app)).deliveryOptions, 1, 'still cached a millisecond before it expires')
  now = expiresAt
  t.equal((await options(app, basket)).statusCode, 200)
  t.equal((await upstreamCalls(app)).deliveryOptions, 2, 'the cached answer expired')
})

t.test('PRO answering 503 is a 503 UPSTREAM_UNAVAILABLE with Retry-After, and is not cached', async (t) => {
  const app = await buildApp(t)
  await simulator(app, 'PUT', 'faults', { operations: { deliveryOptions: { errorRate: 1 } } })
  const response = await options(app, basket)
  t.equal(response.statusCode, 503)
  t.match(response.headers['content-type'], /^application\/problem\+json/)
  t.match(response.headers['retry-after'], /^\d+$/)
  t.match(response.json(), { status: 503, code: 'UPSTREAM_UNAVAILABLE' })

  await simulator(app, 'PUT', 'faults', {})
  t.equal((await options(app, basket)).statusCode, 200, 'the next request tries PRO again')
})

t.test('PRO hanging is a 503 once the interactive timeout passes', async (t) => {
  const timeoutMs = 1000
  const app = await buildApp(t, { PRO_INTERACTIVE_TIMEOUT_MS: String(timeoutMs), PRO_INTERACTIVE_RETRIES: '0' })
  await simulator(app, 'PUT', 'faults', { operations: { deliveryOptions: { hangRate: 1 } } })
  const started = performance.now()
  const response = await options(app, basket)
  const elapsedMs = performance.now() - started
  t.equal(response.statusCode, 503)
  t.ok(elapsedMs < 3 * timeoutMs, `answered within 3 × the interactive timeout (${Math.round(elapsedMs)} ms)`)
  t.match(response.json(), { code: 'UPSTREAM_UNAVAILABLE', detail: /did not answer/ })
  t.ok(response.headers['retry-after'])
  t.equal((await upstreamCalls(app)).deliveryOptions, 1, 'no retry')
})

t.test('nothing deliverable is a 200 with empty lists and a reason', async (t) => {
  const app = await buildApp(t)
  const heavy = await options(app, { ...basket, items: [{ sku: 'ANVIL', quantity: 1, weightKg: 40, unitPrice: { amount: '80.00', currency: 'GBP' } }], include: ['delivery', 'pickup'] })
  t.equal(heavy.statusCode, 200)
  t.strictSame(heavy.json(), {
    options: [],
    days: [],
    pickupPoints: [],
    reason: 'no delivery or pickup options for this address and basket in the date range'
  }, 'no service carries a 40 kg parcel')

  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
  const past = await options(app, { ...basket, deliveryDateTo: yesterday })
  t.equal(past.statusCode, 200)
  t.match(past.json(), { options: [], days: [], pickupPoints: [], reason: /no delivery options/ })
})

const paris = { name: 'Jean Dupont', email: 'jean@example.com', phone: '+33612345678', addressLines: ['8 Rue de Rivoli'], town: 'Paris', postcode: '75001', countryCode: 'FR' }
const exportBasket = {
  items: [
    { sku: 'SKU-TEAPOT', quantity: 1, weightKg: 1.2, unitPrice: { amount: '24.00', currency: 'GBP' }, description: 'Porcelain teapot', countryOfOrigin: 'GB', hsCode: '691200' },
    { sku: 'SKU-MUG', quantity: 2, weightKg: 0.4, unitPrice: { amount: '9.50', currency: 'GBP' }, description: 'Stoneware mug', countryOfOrigin: 'CN', hsCode: '691200' }
  ],
  destination: paris
}
const PRO_HEADERS = { 'ocp-apim-subscription-key': 'in-process-simulator', 'electio-api-version': '1.1' }
const londonToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date())

t.test('an international basket without the customs data PRO needs is a 400 naming each field; PRO is not asked, nothing saved', async (t) => {
  const app = await buildApp(t)
  const [teapot, mug] = exportBasket.items
  const { hsCode: _hs, ...teapotWithoutHs } = teapot!
  const { countryOfOrigin: _origin, description: _description, ...mugWithoutOrigin } = mug!
  const response = await options(app, { ...exportBasket, items: [teapotWithoutHs, mugWithoutOrigin], include: ['delivery', 'pickup'] })
  t.equal(response.statusCode, 400)
  t.match(response.headers['content-type'], /^application\/problem\+json/)
  t.equal(response.json().code, 'VALIDATION_FAILED')
  t.same(response.json().errors.map((error: any) => error.field).sort(), [
    '/body/items/0/hsCode',
    '/body/items/1/countryOfOrigin',
    '/body/items/1/description'
  ])
  t.match(await upstreamCalls(app), { deliveryOptions: 0, pickupOptions: 0 })
  const saved = await app.db.pool.query('SELECT 1 FROM option_offers')
  t.equal(saved.rowCount, 0, 'no offer stored')

  const domestic = await options(app, { ...exportBasket, items: [teapotWithoutHs, mugWithoutOrigin], destination })
  t.equal(domestic.statusCode, 200, 'the same items within GB need no customs data')
})

t.test('an international basket sends CustomsDocumentation, which PRO keeps on the order made from the option', async (t) => {
  const app = await buildApp(t)
  const response = await options(app, exportBasket)
  t.equal(response.statusCode, 200, response.body)
  const [option] = optionsOpenFor(response.json().options as Array<{ id: string, cutOff: string }>)
  if (option === undefined) throw new Error('no option open for an hour')
  const expected = { CategoryType: 'SaleOfGoods', DeclarationDate: `${londonToday()}T00:00:00+00:00`, ReasonForExport: 'Sale', ShippingTerms: 'DAP' }

  const details = (await app.proSimulator!.inject({ method: 'GET', url: `/deliveryoptions/details/${option.id}`, headers: PRO_HEADERS })).json()
  t.strictSame(details.ConsignmentDetail.CustomsDocumentation, expected, 'the options request carried the customs data')

  const confirmed = await confirm(app, randomUUID(), { optionId: option.id, orderReference: 'WEB-EXPORT-1' })
  t.equal(confirmed.statusCode, 201, confirmed.body)
  const order = (await app.proSimulator!.inject({ method: 'GET', url: `/orders/${confirmed.json().proOrderReference}`, headers: PRO_HEADERS })).json()
  t.strictSame(order.CustomsDocumentation, expected, 'the order keeps it')
  t.same(order.Packages.flatMap((pkg: any) => pkg.Items.map((item: any) => [item.Sku, item.CountryOfOrigin.IsoCode.TwoLetterCode, item.HarmonisationCode])).sort(),
    [['SKU-MUG', 'CN', '691200'], ['SKU-TEAPOT', 'GB', '691200']])
})

t.test('the customs defaults come from the configuration', async (t) => {
  const app = await buildApp(t, { CUSTOMS_CATEGORY: 'CommercialSample', CUSTOMS_SHIPPING_TERMS: 'DDP', CUSTOMS_REASON_FOR_EXPORT: 'Trade sample' })
  const response = await options(app, exportBasket)
  t.equal(response.statusCode, 200, response.body)
  const [option] = response.json().options
  const details = (await app.proSimulator!.inject({ method: 'GET', url: `/deliveryoptions/details/${option.id}`, headers: PRO_HEADERS })).json()
  t.match(details.ConsignmentDetail.CustomsDocumentation, { CategoryType: 'CommercialSample', ShippingTerms: 'DDP', ReasonForExport: 'Trade sample' })
})
