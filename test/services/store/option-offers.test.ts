import t from 'tap'
import { databaseEnv } from '../../helpers/database.js'
import { openDatabase } from '../../../src/services/store/database.js'
import { migrate, readMigrations } from '../../../src/services/store/migrations.js'
import { deleteExpiredOffers, findAlternative, findOffer, saveOffers } from '../../../src/services/store/option-offers.js'
import type { CheckoutOption } from '../../../src/schemas/checkout-options.js'
import type { NormalisedOptionsRequest } from '../../../src/services/checkout/options-request.js'

const silent = { debug () {}, info () {}, warn () {}, error () {} }

const request: NormalisedOptionsRequest = {
  items: [{ sku: 'SKU-1', quantity: 2, weightKg: 0.4, unitPrice: { amount: '5.99', currency: 'GBP' } }],
  destination: { name: 'Ada Lovelace', addressLines: ['1 Analytical Way'], town: 'London', postcode: 'N1 9GU', countryCode: 'GB' },
  origin: 'EDC5_Electio',
  guaranteedOnly: false,
  include: ['delivery', 'pickup'],
  pickup: { radiusKm: 5, maxResults: 10 }
}

function option (id: string, fields: { date?: string, gross?: string, cutOff?: string, type?: 'delivery' | 'pickup' } = {}): CheckoutOption {
  return {
    id,
    type: fields.type ?? 'delivery',
    date: fields.date ?? '2026-11-24',
    dayOfWeek: 'Tuesday',
    window: { start: '00:00', end: '23:59', utcOffset: '+00:00' },
    guaranteed: true,
    carrier: 'DPD',
    service: 'DPD Next Day',
    serviceReference: 'MPD_DPDNEXTDAY',
    price: { net: '1.00', gross: fields.gross ?? '10.00', tax: '0.00', currency: 'GBP' },
    cutOff: fields.cutOff ?? '2026-11-23T17:00:00+00:00',
    ...(fields.type === 'pickup' ? { pickupPointId: 'GB12345' } : {})
  }
}

const NOW = new Date('2026-11-23T12:00:00Z')

t.test(`offers are saved, found, upserted, offered as alternatives and cleaned up`, async (t) => {
  const env = await databaseEnv(t)
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: '', poolMax: 2, logger: silent })
  t.teardown(() => db.close())
  await migrate(db.pool, await readMigrations())

  const options = [
    option('EDO-EXPIRED', { gross: '1.00', cutOff: '2026-11-23T11:00:00+00:00' }),
    option('EDO-DEAR', { gross: '12.50' }),
    option('EDO-CHEAP', { gross: '9.99', cutOff: '2026-11-23T18:30:00+01:00' }),
    option('EDO-NEXT-DAY', { date: '2026-11-25', gross: '2.00' }),
    option('EDO-PICKUP', { type: 'pickup', gross: '3.00' })
  ]
  await saveOffers(db.pool, 'key-1', request, options)
  await saveOffers(db.pool, 'key-1', request, [])

  const found = await findOffer(db.pool, 'EDO-CHEAP')
  t.strictSame(found, {
    optionId: 'EDO-CHEAP',
    requestKey: 'key-1',
    request,
    option: options[2],
    cutOff: new Date('2026-11-23T17:30:00Z')
  }, 'the option and the normalised request come back as saved; the cut-off as an instant')
  t.equal(await findOffer(db.pool, 'EDO-UNKNOWN'), undefined)

  const alternative = await findAlternative(db.pool, { requestKey: 'key-1', date: '2026-11-24', type: 'delivery', now: NOW })
  t.equal(alternative?.optionId, 'EDO-CHEAP', 'the cheapest live offer of the same request, date and type (the expired cheaper one is skipped)')
  t.equal((await findAlternative(db.pool, { requestKey: 'key-1', date: '2026-11-24', type: 'pickup', now: NOW }))?.optionId, 'EDO-PICKUP')
  t.equal(await findAlternative(db.pool, { requestKey: 'key-2', date: '2026-11-24', type: 'delivery', now: NOW }), undefined, 'another request\'s offers are not alternatives')
  t.equal(await findAlternative(db.pool, { requestKey: 'key-1', date: '2026-11-26', type: 'delivery', now: NOW }), undefined)
  t.equal(await findAlternative(db.pool, { requestKey: 'key-1', date: '2026-11-24', type: 'delivery', now: new Date('2026-11-23T19:00:00Z') }), undefined,
    'nothing once every offer of the day has expired')

  const repriced = { ...option('EDO-DEAR', { gross: '8.00' }), carrier: 'Evri' }
  const client = await db.pool.connect()
  try {
    await client.query('BEGIN')
    await saveOffers(client, 'key-2', request, [repriced, repriced])
    await client.query('COMMIT')
  } finally {
    client.release()
  }
  t.match(await findOffer(db.pool, 'EDO-DEAR'), { requestKey: 'key-2', option: { carrier: 'Evri', price: { gross: '8.00' } } }, 'saving the same option id again updates it')

  t.equal(await deleteExpiredOffers(db.pool, NOW), 1)
  t.equal(await findOffer(db.pool, 'EDO-EXPIRED'), undefined)
  t.ok(await findOffer(db.pool, 'EDO-CHEAP'))
  const { rows } = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM option_offers')
  t.equal(rows[0]?.n, 4)
})
