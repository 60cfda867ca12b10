import t from 'tap'
import SwaggerParser from '@apidevtools/swagger-parser'
import { buildApp } from '../helpers/app.js'

t.test('/openapi.json is a valid OpenAPI 3 document describing the routes', async (t) => {
  const app = await buildApp(t)
  const response = await app.inject({ method: 'GET', url: '/openapi.json' })
  t.equal(response.statusCode, 200)
  const document = response.json()
  t.match(document.openapi, /^3\./)
  await t.resolves(SwaggerParser.validate(structuredClone(document)), 'passes the OpenAPI validator')
  t.ok(document.paths['/health/ready'], 'routes are described')
  t.notOk(document.paths['/openapi.json'], 'the document does not describe itself')
  t.ok(document.components.schemas.Problem, 'the problem schema is shared')
})

t.test('every storefront route documents its problems and shows examples of its bodies', async (t) => {
  const app = await buildApp(t)
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
  const operations = Object.entries(document.paths as Record<string, Record<string, any>>)
    .filter(([path]) => path.startsWith('/checkout'))
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })))
  t.ok(operations.length >= 4)
  for (const { name, operation } of operations) {
    t.ok(operation.tags?.includes('checkout'), `${name} is tagged`)
    const statuses = Object.keys(operation.responses)
    t.ok(statuses.some((s) => s.startsWith('4')), `${name} documents its 4xx answers`)
    const request = operation.requestBody?.content?.['application/json']
    if (request) t.ok(request.example ?? request.examples, `${name} has a request example`)
    const success = statuses.find((s) => s.startsWith('2'))!
    const response = operation.responses[success].content?.['application/json']
    if (response) t.ok(response.example ?? response.examples, `${name} has a response example`)
  }
})

t.test('/docs serves the interactive documentation', async (t) => {
  const app = await buildApp(t)
  const response = await app.inject({ method: 'GET', url: '/docs/' })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /text\/html/)
})
