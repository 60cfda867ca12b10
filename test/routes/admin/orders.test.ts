import t from 'tap'
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type pg from 'pg'
import { buildApp } from '../../helpers/app.js'
import { insertOrder } from '../../../src/services/store/orders.js'

const STAFF_KEY = 'staff-key-orders-3f2e1d0c9b8a7f6e'
const auth = { authorization: `Bearer ${STAFF_KEY}` }

interface Seeded { id: string, updatedKey: string, status: string }

/**
 * Orders written straight to the table with chosen update times: ties (same instant, told apart
 * by id) and instants a microsecond apart, which a millisecond cursor would confuse.
 */
async function seedOrders (pool: pg.Pool, count: number): Promise<Seeded[]> {
  const seeded: Seeded[] = []
  for (let i = 0; i < count; i++) {
    const id = randomUUID()
    const second = String(Math.floor(i / 4)).padStart(2, '0')
    const micros = i % 4 === 3 ? '000001' : '000000'
    const updatedKey = `2026-03-01T10:00:${second}.${micros}Z`
    const status = i % 5 === 0 ? 'needs_attention' : 'labelled'
    await insertOrder(pool, {
      id, merchantReference: `WEB-${i}`, optionId: `EDO-${i}`, optionSnapshot: {}, items: [], destination: {}, metadata: {}, status, tokenHash: Buffer.alloc(32)
    })
    await pool.query('UPDATE orders SET updated_at = $2, attempts = $3, status_reason = $4 WHERE id = $1',
      [id, updatedKey, i, status === 'needs_attention' ? `reason ${i}` : null])
    seeded.push({ id, updatedKey, status })
  }
  return seeded
}

/** Newest first, ties broken by the larger id (UUIDs compare as their lowercase hex). */
function expectedOrder (orders: Seeded[]): string[] {
  return [...orders]
    .sort((a, b) => a.updatedKey === b.updatedKey ? (a.id < b.id ? 1 : -1) : (a.updatedKey < b.updatedKey ? 1 : -1))
    .map((o) => o.id)
}

async function walk (app: FastifyInstance, query: string): Promise<{ ids: string[], pages: number }> {
  const ids: string[] = []
  let cursor: string | undefined
  let pages = 0
  do {
    const url = `/admin/orders?${query}${cursor ? `&cursor=${cursor}` : ''}`
    const response = await app.inject({ method: 'GET', url, headers: auth })
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}: ${response.body}`)
    const body = response.json()
    ids.push(...body.orders.map((o: { id: string }) => o.id))
    cursor = body.nextCursor
    pages++
  } while (cursor !== undefined && pages < 100)
  return { ids, pages }
}

t.test('GET /admin/orders pages through every order once, newest first', async (t) => {
  const app = await buildApp(t, { STAFF_API_KEYS: STAFF_KEY, WORKERS: 'off' })
  const seeded = await seedOrders(app.db.pool, 61)

  const first = await app.inject({ method: 'GET', url: '/admin/orders', headers: auth })
  t.equal(first.statusCode, 200)
  const page = first.json()
  t.equal(page.orders.length, 50, '50 orders per page by default')
  t.type(page.nextCursor, 'string')
  const newest = seeded.find((o) => o.id === expectedOrder(seeded)[0])!
  t.match(page.orders[0], {
    id: newest.id,
    orderReference: /^WEB-\d+$/,
    proOrderReference: null,
    status: newest.status,
    attempts: Number,
    createdAt: String,
    updatedAt: '2026-03-01T10:00:15.000Z'
  })

  const byFours = await walk(app, 'limit=4')
  t.same(byFours.ids, expectedOrder(seeded), 'every order, once, in (updated_at, id) order across ties and microseconds')
  t.equal(byFours.pages, 16, '61 orders in pages of 4')

  const whole = await walk(app, 'limit=200')
  t.equal(whole.pages, 1)
  t.same(whole.ids, expectedOrder(seeded))

  const exact = await app.inject({ method: 'GET', url: '/admin/orders?limit=61', headers: auth })
  t.equal(exact.json().orders.length, 61)
  t.notOk('nextCursor' in exact.json(), 'no cursor when the page holds the last order')
})

t.test('GET /admin/orders?status= lists only orders of that status', async (t) => {
  const app = await buildApp(t, { STAFF_API_KEYS: STAFF_KEY, WORKERS: 'off' })
  const seeded = await seedOrders(app.db.pool, 23)
  const flagged = seeded.filter((o) => o.status === 'needs_attention')
  t.equal(flagged.length, 5)

  const walked = await walk(app, 'status=needs_attention&limit=2')
  t.same(walked.ids, expectedOrder(flagged))
  t.equal(walked.pages, 3)

  const response = await app.inject({ method: 'GET', url: '/admin/orders?status=needs_attention', headers: auth })
  for (const order of response.json().orders) {
    t.equal(order.status, 'needs_attention')
    t.equal(order.statusReason, `reason ${order.attempts}`)
  }
  const none = await app.inject({ method: 'GET', url: '/admin/orders?status=manifested', headers: auth })
  t.same(none.json(), { orders: [] })
})

t.test('GET /admin/orders refuses bad queries with 400', async (t) => {
  const app = await buildApp(t, { STAFF_API_KEYS: STAFF_KEY, WORKERS: 'off' })
  const forged = Buffer.from(JSON.stringify(['2026-03-01T10:00:00Z', 'not-a-uuid'])).toString('base64url')
  for (const [query, field] of [
    ['status=shipped', '/querystring/status'],
    ['limit=0', '/querystring/limit'],
    ['limit=201', '/querystring/limit'],
    ['limit=ten', '/querystring/limit'],
    ['cursor=%25%25%25', '/querystring/cursor'],
    ['cursor=bm90LWpzb24', '/querystring/cursor'],
    [`cursor=${forged}`, '/querystring/cursor']
  ] as const) {
    const response = await app.inject({ method: 'GET', url: `/admin/orders?${query}`, headers: auth })
    t.equal(response.statusCode, 400, query)
    t.equal(response.json().code, 'VALIDATION_FAILED')
    t.ok(response.json().errors.some((e: { field: string }) => e.field === field), `${query}: names ${field}`)
  }
})
