import t from 'tap'
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../helpers/app.js'
import { confirm, firstOptionOpenFor, offeredOptions } from '../../helpers/checkout.js'
import { setStatus } from '../../../src/services/store/orders.js'

async function confirmedOrder (app: FastifyInstance, reference: string): Promise<{ orderId: string, orderToken: string }> {
  const option = firstOptionOpenFor(await offeredOptions(app))
  const response = await confirm(app, randomUUID(), { optionId: option.id, orderReference: reference })
  if (response.statusCode !== 201) throw new Error(response.body)
  return response.json()
}

const read = (app: FastifyInstance, orderId: string, authorization?: string, etag?: string) => app.inject({
  method: 'GET',
  url: `/checkout/orders/${orderId}`,
  headers: { ...(authorization !== undefined && { authorization }), ...(etag !== undefined && { 'if-none-match': etag }) }
})

t.test('the order token reads the order; nothing else does', async (t) => {
  const app = await buildApp(t)
  const mine = await confirmedOrder(app, 'WEB-7001')
  const theirs = await confirmedOrder(app, 'WEB-7002')

  const ok = await read(app, mine.orderId, `Bearer ${mine.orderToken}`)
  t.equal(ok.statusCode, 200)
  const view = ok.json()
  t.match(view, { orderId: mine.orderId, orderReference: 'WEB-7001', proOrderReference: /^EO-/, status: 'accepted', consignments: [] })
  t.same(view.timeline.map((e: { status: string }) => e.status), ['accepted'])
  t.match(view.option, { id: /^EDO-/, type: 'delivery' })

  const unknown = await read(app, randomUUID(), `Bearer ${mine.orderToken}`)
  t.equal(unknown.statusCode, 404)
  for (const [what, authorization] of [
    ['another order\'s token', `Bearer ${theirs.orderToken}`],
    ['a malformed token', 'Bearer not-a-token'],
    ['no token', undefined],
    ['a staff-style key', 'Bearer staff-key-123'],
    ['the token without the scheme', mine.orderToken]
  ] as const) {
    const response = await read(app, mine.orderId, authorization)
    t.equal(response.statusCode, 404, what)
    t.same(response.json().code, unknown.json().code, `${what}: the same answer as an unknown order`)
    t.equal(response.json().detail, unknown.json().detail)
  }
  t.equal((await read(app, 'not-a-uuid', `Bearer ${mine.orderToken}`)).statusCode, 404)
})

t.test('ETag and If-None-Match make polling cheap', async (t) => {
  const app = await buildApp(t)
  const order = await confirmedOrder(app, 'WEB-7101')
  const auth = `Bearer ${order.orderToken}`
  const first = await read(app, order.orderId, auth)
  const etag = first.headers.etag as string
  t.match(etag, /^"[A-Za-z0-9_-]+"$/)
  const unchanged = await read(app, order.orderId, auth, etag)
  t.equal(unchanged.statusCode, 304)
  t.equal(unchanged.body, '')

  await setStatus(app.db.pool, order.orderId, 'packed', null)
  const changed = await read(app, order.orderId, auth, etag)
  t.equal(changed.statusCode, 200)
  t.not(changed.headers.etag, etag)
  t.same(changed.json().timeline.map((e: { status: string }) => e.status), ['accepted', 'packed'])
})

t.test('Server-Sent Events push each status change and end at the final one', async (t) => {
  // No workers: this test writes the status changes itself.
  const app = await buildApp(t, { WORKERS: 'off' })
  const order = await confirmedOrder(app, 'WEB-7201')
  const url = await app.listen({ host: '127.0.0.1', port: 0 })

  const refused = await fetch(`${url}/checkout/orders/${order.orderId}/events`)
  t.equal(refused.status, 404, 'no token, no stream')

  const response = await fetch(`${url}/checkout/orders/${order.orderId}/events`, { headers: { authorization: `Bearer ${order.orderToken}` } })
  t.equal(response.status, 200)
  t.match(response.headers.get('content-type'), /^text\/event-stream/)
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  let text = ''
  const waitFor = async (needle: string) => {
    while (!text.includes(needle)) {
      const { value, done } = await reader.read()
      if (done) throw new Error(`stream ended before ${needle}`)
      text += value
    }
  }
  await waitFor('"status":"accepted"')
  await setStatus(app.db.pool, order.orderId, 'packed', null)
  await waitFor('"status":"packed"')
  await setStatus(app.db.pool, order.orderId, 'manifested', null)
  await waitFor('"status":"manifested"')
  for (;;) {
    const { done } = await reader.read()
    if (done) break
  }
  const events = text.split('\n\n').filter((block) => block.startsWith('id:'))
  t.equal(events.length, 3)
  t.match(events[1], /^id: \d+\nevent: status\ndata: \{"status":"packed","at":"[^"]+"\}$/)

  const lastId = /^id: (\d+)/.exec(events[1]!)![1]
  const resumed = await fetch(`${url}/checkout/orders/${order.orderId}/events`, {
    headers: { authorization: `Bearer ${order.orderToken}`, 'last-event-id': lastId! }
  })
  const rest = await resumed.text()
  t.notMatch(rest, /"packed"/, 'Last-Event-ID resumes after the given event')
  t.match(rest, /"manifested"/)
})

t.test('the storefront routes are rate limited per client with a problem answer', async (t) => {
  const app = await buildApp(t, { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW: '1 minute' })
  const statuses: number[] = []
  let last
  for (let i = 0; i < 4; i++) {
    last = await read(app, randomUUID(), 'Bearer x')
    statuses.push(last.statusCode)
  }
  t.same(statuses, [404, 404, 404, 429])
  t.match(last!.headers['content-type'], /problem\+json/)
  t.equal(last!.json().code, 'RATE_LIMITED')
  t.ok(Number(last!.headers['retry-after']) >= 1)
  t.equal((await app.inject({ method: 'GET', url: '/health/live' })).statusCode, 200, 'health is not limited')
})

t.test('an order still confirming (PRO has not answered yet) is invisible, even to its own token', async (t) => {
  const app = await buildApp(t, { WORKERS: 'off' })
  const order = await confirmedOrder(app, 'WEB-7101')
  await app.db.pool.query("UPDATE orders SET status = 'confirming' WHERE id = $1", [order.orderId])
  const hidden = await read(app, order.orderId, `Bearer ${order.orderToken}`)
  t.equal(hidden.statusCode, 404)
  t.equal(hidden.json().code, 'NOT_FOUND')
  await app.db.pool.query("UPDATE orders SET status = 'accepted' WHERE id = $1", [order.orderId])
  t.equal((await read(app, order.orderId, `Bearer ${order.orderToken}`)).statusCode, 200, 'the same token reads it once accepted')
})

/** Statuses of four reads from each of two shoppers behind one proxy (the inject client is 127.0.0.1). */
async function twoShoppers (app: FastifyInstance): Promise<Record<string, number[]>> {
  const statuses: Record<string, number[]> = { '203.0.113.7': [], '198.51.100.9': [] }
  for (const shopper of Object.keys(statuses)) {
    for (let i = 0; i < 4; i++) {
      const response = await app.inject({ method: 'GET', url: `/checkout/orders/${randomUUID()}`, headers: { authorization: 'Bearer x', 'x-forwarded-for': shopper } })
      statuses[shopper]!.push(response.statusCode)
    }
  }
  return statuses
}

t.test('TRUST_PROXY naming the proxy: each shopper behind it has a rate limit of their own', async (t) => {
  const app = await buildApp(t, { RATE_LIMIT_MAX: '3', TRUST_PROXY: '127.0.0.1' })
  t.same(await twoShoppers(app), { '203.0.113.7': [404, 404, 404, 429], '198.51.100.9': [404, 404, 404, 429] })
})

t.test('without TRUST_PROXY, X-Forwarded-For is ignored: every request from the proxy shares one limit', async (t) => {
  const app = await buildApp(t, { RATE_LIMIT_MAX: '3' })
  t.same(await twoShoppers(app), { '203.0.113.7': [404, 404, 404, 429], '198.51.100.9': [429, 429, 429, 429] })
})
