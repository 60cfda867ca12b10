import { randomUUID } from 'node:crypto'
import t from 'tap'
import { confirm, firstOptionOpenFor, offeredOptions } from '../../helpers/checkout.js'
import { buildStaffApp, domesticConsignment, staff } from './helpers.js'

const ref = 'EC-000-000-001'
const ROUTES: Array<{ method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown }> = [
  { method: 'POST', url: '/consignments', payload: domesticConsignment('CC-AUTH-1') },
  { method: 'GET', url: `/consignments/${ref}` },
  { method: 'DELETE', url: `/consignments/${ref}` },
  { method: 'GET', url: `/consignments/${ref}/quotes` },
  { method: 'POST', url: `/consignments/${ref}/allocation`, payload: { quoteReference: 'f63bd4ab-d519-4547-b361-aa3f00e9951a' } },
  { method: 'GET', url: `/consignments/${ref}/label?format=pdf` },
  { method: 'GET', url: `/consignments/${ref}/customs-documents` },
  { method: 'GET', url: `/consignments/${ref}/customs-documents/INV_${ref}` }
]

t.test('every contact-centre route answers 401 without a staff key, with a wrong one and with an order token', async (t) => {
  const app = await buildStaffApp(t)
  const option = firstOptionOpenFor(await offeredOptions(app))
  const confirmed = await confirm(app, randomUUID(), { optionId: option.id, orderReference: 'WEB-AUTH-1' })
  t.equal(confirmed.statusCode, 201)
  const orderToken: string = confirmed.json().orderToken

  const credentials: Array<[string, Record<string, string>]> = [
    ['no key', {}],
    ['a wrong key', { authorization: 'Bearer not-a-staff-key-at-all' }],
    ['an order token', { authorization: `Bearer ${orderToken}` }],
    ['a key in the wrong scheme', { authorization: 'Basic Y29udGFjdDpjZW50cmU=' }]
  ]
  for (const route of ROUTES) {
    for (const [name, headers] of credentials) {
      const response = await app.inject({ method: route.method, url: route.url, headers, ...(route.payload === undefined ? {} : { payload: route.payload as object }) })
      t.equal(response.statusCode, 401, `${route.method} ${route.url} with ${name}`)
      t.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8')
      t.equal(response.json().code, 'UNAUTHORIZED')
    }
  }
  const created = await staff(app, 'POST', '/consignments', domesticConsignment('CC-AUTH-1'))
  t.equal(created.statusCode, 201, 'nothing was created by the refused requests, and the staff key opens the route')
})

t.test('without STAFF_API_KEYS every contact-centre route answers 401', async (t) => {
  const app = await buildStaffApp(t, { STAFF_API_KEYS: '' })
  const response = await staff(app, 'GET', `/consignments/${ref}`)
  t.equal(response.statusCode, 401)
})

t.test('a staff key opens nothing on the storefront order routes', async (t) => {
  const app = await buildStaffApp(t)
  const option = firstOptionOpenFor(await offeredOptions(app))
  const confirmed = await confirm(app, randomUUID(), { optionId: option.id, orderReference: 'WEB-AUTH-2' })
  const order = await staff(app, 'GET', `/checkout/orders/${confirmed.json().orderId}`)
  t.equal(order.statusCode, 404)
})
