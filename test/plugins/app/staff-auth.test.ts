import t from 'tap'
import { randomUUID } from 'node:crypto'
import { Writable } from 'node:stream'
import Fastify, { type FastifyInstance } from 'fastify'
import app from '../../../src/app.js'
import { loadConfig } from '../../../src/config.js'
import { loggerOptions } from '../../../src/logger.js'
import { serverOptions } from '../../../src/server-options.js'
import problemHandler from '../../../src/plugins/app/problem-handler.js'
import staffAuth, { staffKeyId, staffKeyVerifier } from '../../../src/plugins/app/staff-auth.js'
import { buildApp } from '../../helpers/app.js'
import { databaseEnv, type Teardown } from '../../helpers/database.js'
import { placeOrder } from '../../helpers/pipeline.js'

const KEY_A = 'staff-key-alpha-8c1f0e9d2b7a4c6e'
const KEY_B = 'staff-key-bravo-5d3a9f1e7c2b8d40'
const STAFF_ENV = { STAFF_API_KEYS: ` ${KEY_A} ,${KEY_B}`, WORKERS: 'off' }

/** Every staff route of this service, as a request a staff member might send. */
const STAFF_REQUESTS = [
  { method: 'POST', url: '/manifests' },
  { method: 'GET', url: '/admin/orders' },
  { method: 'POST', url: `/admin/orders/${randomUUID()}/retry` },
  { method: 'GET', url: '/admin/queue' }
] as const

const bearer = (value: string) => ({ authorization: `Bearer ${value}` })

t.test('a staff key id is the first 8 hex characters of the key\'s SHA-256', async (t) => {
  t.equal(staffKeyId('abc'), 'ba7816bf', 'the published SHA-256 of "abc" starts ba7816bf')
  t.not(staffKeyId(KEY_A), staffKeyId(KEY_B))
})

t.test('the verifier accepts each configured key and nothing else', async (t) => {
  const verify = staffKeyVerifier([KEY_A, KEY_B])
  t.equal(verify(`Bearer ${KEY_A}`), staffKeyId(KEY_A))
  t.equal(verify(`Bearer ${KEY_B}`), staffKeyId(KEY_B))
  t.equal(verify(`bearer ${KEY_B}`), staffKeyId(KEY_B), 'the scheme is case-insensitive')
  for (const [what, header] of [
    ['no header', undefined],
    ['an empty header', ''],
    ['the key without the scheme', KEY_A],
    ['another scheme', `Basic ${KEY_A}`],
    ['a prefix of a key', `Bearer ${KEY_A.slice(0, -1)}`],
    ['a key with a suffix', `Bearer ${KEY_A}x`],
    ['both keys joined', `Bearer ${KEY_A},${KEY_B}`],
    ['two tokens', `Bearer ${KEY_A} ${KEY_B}`],
    ['a key in another case', `Bearer ${KEY_A.toUpperCase()}`]
  ] as const) {
    t.equal(verify(header), undefined, what)
  }
  t.equal(staffKeyVerifier([])(`Bearer ${KEY_A}`), undefined, 'no keys configured: nothing is accepted')
})

async function pluginApp (keys: string | undefined): Promise<FastifyInstance> {
  const fastify = Fastify(serverOptions(loadConfig({}), false))
  await fastify.register(problemHandler)
  await fastify.register(staffAuth, { config: { STAFF_API_KEYS: keys } })
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', scope.requireStaff)
    scope.get('/staff-only', async (request) => ({ staffKeyId: request.staffKeyId }))
  })
  fastify.get('/public', async (request) => ({ staffKeyId: request.staffKeyId }))
  return fastify
}

t.test('the hook answers 401 problem+json with WWW-Authenticate, and tells the route which key acted', async (t) => {
  const fastify = await pluginApp(`${KEY_A},${KEY_B}`)
  t.teardown(() => fastify.close())

  const missing = await fastify.inject({ method: 'GET', url: '/staff-only' })
  t.equal(missing.statusCode, 401)
  t.match(missing.headers['content-type'], /^application\/problem\+json/)
  t.match(missing.json(), { status: 401, code: 'UNAUTHORIZED', detail: 'A staff API key is required' })
  t.equal(missing.headers['www-authenticate'], 'Bearer realm="staff"')

  const wrong = await fastify.inject({ method: 'GET', url: '/staff-only', headers: bearer('nope') })
  t.equal(wrong.statusCode, 401)
  t.match(wrong.json(), { code: 'UNAUTHORIZED', detail: 'The staff API key is not valid' })
  t.equal(wrong.headers['www-authenticate'], 'Bearer realm="staff", error="invalid_token"')
  t.notMatch(wrong.body, 'nope', 'the presented key is not echoed')

  const ok = await fastify.inject({ method: 'GET', url: '/staff-only', headers: bearer(KEY_B) })
  t.equal(ok.statusCode, 200)
  t.same(ok.json(), { staffKeyId: staffKeyId(KEY_B) })

  const open = await fastify.inject({ method: 'GET', url: '/public', headers: bearer(KEY_A) })
  t.same(open.json(), { staffKeyId: null }, 'routes without the hook do not look at staff keys')
})

t.test('with STAFF_API_KEYS unset the hook refuses everything', async (t) => {
  const fastify = await pluginApp(undefined)
  t.teardown(() => fastify.close())
  for (const headers of [{}, bearer(''), bearer(KEY_A), bearer('undefined')]) {
    t.equal((await fastify.inject({ method: 'GET', url: '/staff-only', headers })).statusCode, 401)
  }
})

t.test('every staff route answers 401 without a key, with a wrong key and with an order token', async (t) => {
  const service = await buildApp(t, STAFF_ENV)
  const order = await placeOrder(service, { n: 1, locations: ['EDC5_Electio'] })
  for (const request of STAFF_REQUESTS) {
    for (const [what, headers] of [
      ['no key', {}],
      ['a wrong key', bearer('staff-key-charlie-0000000000000000')],
      ['an order token', bearer(order.orderToken)],
      ['the key without the scheme', { authorization: KEY_A }]
    ] as const) {
      const response = await service.inject({ ...request, headers })
      t.equal(response.statusCode, 401, `${request.method} ${request.url}: ${what}`)
      t.equal(response.json().code, 'UNAUTHORIZED')
      t.match(response.headers['www-authenticate'], /^Bearer /)
    }
  }
  const invalidQuery = await service.inject({ method: 'GET', url: '/admin/orders?limit=100000' })
  t.equal(invalidQuery.statusCode, 401, 'authentication comes before validation: nothing is learnt without a key')
})

t.test('every staff route works with each configured key', async (t) => {
  const service = await buildApp(t, STAFF_ENV)
  const expected: Record<string, number> = { '/manifests': 200, '/admin/orders': 200, '/admin/queue': 200 }
  for (const key of [KEY_A, KEY_B]) {
    for (const request of STAFF_REQUESTS) {
      const response = await service.inject({ ...request, headers: bearer(key) })
      const status = expected[request.url] ?? 404
      t.equal(response.statusCode, status, `${request.method} ${request.url} with key ${staffKeyId(key)}`)
      if (status === 404) t.equal(response.json().detail, 'No such order', 'past authentication: the order is looked up')
    }
  }
})

t.test('with STAFF_API_KEYS unset every staff route answers 401', async (t) => {
  const service = await buildApp(t, { WORKERS: 'off' })
  for (const request of STAFF_REQUESTS) {
    for (const headers of [{}, bearer(KEY_A)]) {
      t.equal((await service.inject({ ...request, headers })).statusCode, 401, `${request.method} ${request.url}`)
    }
  }
})

t.test('storefront routes ignore staff keys', async (t) => {
  const service = await buildApp(t, STAFF_ENV)
  const order = await placeOrder(service, { n: 2, locations: ['EDC5_Electio'] })
  const asStaff = await service.inject({ method: 'GET', url: `/checkout/orders/${order.orderId}`, headers: bearer(KEY_A) })
  t.equal(asStaff.statusCode, 404, 'a staff key does not read an order')
  const events = await service.inject({ method: 'GET', url: `/checkout/orders/${order.orderId}/events`, headers: bearer(KEY_A) })
  t.equal(events.statusCode, 404, 'nor follow its events')
  const asOwner = await service.inject({ method: 'GET', url: `/checkout/orders/${order.orderId}`, headers: bearer(order.orderToken) })
  t.equal(asOwner.statusCode, 200, 'the order token still does')
})

/** The real service logging JSON at info level into `lines`. */
async function serviceWithLogs (t: Teardown, env: Record<string, string>, lines: string[]): Promise<FastifyInstance> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'info', ...(await databaseEnv(t)), ...env })
  const stream = new Writable({
    write (chunk, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
      done()
    }
  })
  const fastify = Fastify(serverOptions(config, { ...loggerOptions(config), stream }))
  await fastify.register(app, { config })
  await fastify.ready()
  t.teardown(() => fastify.close())
  return fastify
}

t.test('the log names the acting key by its id and never holds a key', async (t) => {
  const lines: string[] = []
  const service = await serviceWithLogs(t, STAFF_ENV, lines)
  const wrongKey = 'staff-key-delta-7e6f5a4b3c2d1e0f'
  for (const key of [KEY_A, KEY_B]) {
    t.equal((await service.inject({ method: 'GET', url: '/admin/orders', headers: bearer(key) })).statusCode, 200)
  }
  t.equal((await service.inject({ method: 'GET', url: '/admin/queue', headers: bearer(wrongKey) })).statusCode, 401)

  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
  for (const key of [KEY_A, KEY_B]) {
    const completed = entries.filter((e) => e.msg === 'request completed' && e.staffKeyId === staffKeyId(key))
    t.equal(completed.length, 1, `the completed request of key ${staffKeyId(key)} carries its key id`)
  }
  t.ok(entries.some((e) => e.msg === 'request rejected' && e.code === 'UNAUTHORIZED'), 'the refused request is logged')
  t.ok(entries.length > 5, 'the log was captured')
  for (const secret of [KEY_A, KEY_B, wrongKey]) {
    t.notOk(lines.some((line) => line.includes(secret)), 'no log line holds a key')
  }
})
