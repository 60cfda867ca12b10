import t from 'tap'
import Fastify from 'fastify'
import { Type } from '@sinclair/typebox'
import problemHandler from '../../../src/plugins/app/problem-handler.js'
import { AppError } from '../../../src/errors.js'
import { serverOptions } from '../../../src/server-options.js'
import { loadConfig } from '../../../src/config.js'

async function appWithRoutes () {
  const app = Fastify(serverOptions(loadConfig({}), false))
  await app.register(problemHandler)
  app.post('/validate', {
    schema: { body: Type.Object({ name: Type.String({ minLength: 1 }), age: Type.Integer({ minimum: 0 }) }) }
  }, async () => ({ ok: true }))
  app.get('/conflict', async () => {
    throw new AppError('CONFLICT', { detail: 'already allocated', retryAfterSeconds: 3, extensions: { state: 'Allocated' } })
  })
  app.get('/boom', async () => {
    throw new Error('connection to 10.0.0.5 refused: password authentication failed')
  })
  return app
}

t.test('validation failures name every bad field', async (t) => {
  const app = await appWithRoutes()
  const response = await app.inject({ method: 'POST', url: '/validate', payload: { name: '', age: -1 } })
  t.equal(response.statusCode, 400)
  t.match(response.headers['content-type'], /^application\/problem\+json/)
  const problem = response.json()
  t.match(problem, { status: 400, code: 'VALIDATION_FAILED', type: /VALIDATION_FAILED/ })
  t.same(problem.errors.map((e: { field: string }) => e.field).sort(), ['/body/age', '/body/name'])
  t.ok(problem.instance, 'the request id is given')
})

t.test('a missing field is named by its path', async (t) => {
  const app = await appWithRoutes()
  const response = await app.inject({ method: 'POST', url: '/validate', payload: { age: 3 } })
  t.same(response.json().errors.map((e: { field: string }) => e.field), ['/body/name'])
})

t.test('malformed JSON is a 400 problem', async (t) => {
  const app = await appWithRoutes()
  const response = await app.inject({ method: 'POST', url: '/validate', payload: '{"name":', headers: { 'content-type': 'application/json' } })
  t.equal(response.statusCode, 400)
  t.equal(response.json().code, 'VALIDATION_FAILED')
})

t.test('an AppError keeps its code, detail, Retry-After and extensions', async (t) => {
  const app = await appWithRoutes()
  const response = await app.inject({ method: 'GET', url: '/conflict' })
  t.equal(response.statusCode, 409)
  t.equal(response.headers['retry-after'], '3')
  t.match(response.json(), { code: 'CONFLICT', detail: 'already allocated', state: 'Allocated' })
})

t.test('an unexpected error is a 500 that reveals nothing', async (t) => {
  const app = await appWithRoutes()
  const response = await app.inject({ method: 'GET', url: '/boom' })
  t.equal(response.statusCode, 500)
  t.equal(response.json().code, 'INTERNAL_ERROR')
  t.notMatch(response.body, /10\.0\.0\.5|password/)
})

t.test('an unknown route is a 404 problem', async (t) => {
  const app = await appWithRoutes()
  const response = await app.inject({ method: 'GET', url: '/nowhere?x=1' })
  t.equal(response.statusCode, 404)
  t.match(response.headers['content-type'], /problem\+json/)
  t.equal(response.json().code, 'NOT_FOUND')
})
