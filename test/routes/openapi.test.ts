import t from 'tap'
import SwaggerParser from '@apidevtools/swagger-parser'
import { buildApp } from '../helpers/app.js'
import { jsonBodies, schemaChecker } from './openapi-examples.js'

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

t.test('every storefront route is tagged and documents its problems', async (t) => {
  const app = await buildApp(t)
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
  const operations = Object.entries(document.paths as Record<string, Record<string, any>>)
    .filter(([path]) => path.startsWith('/checkout'))
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })))
  t.ok(operations.length >= 4)
  for (const { name, operation } of operations) {
    t.ok(operation.tags?.includes('checkout'), `${name} is tagged`)
    t.ok(Object.keys(operation.responses).some((s) => s.startsWith('4')), `${name} documents its 4xx answers`)
  }
})

t.test('every JSON request and response body in the document has an example, and every example matches its schema', async (t) => {
  const app = await buildApp(t)
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
  const bodies = jsonBodies(document)
  t.ok(bodies.length >= 60, `${bodies.length} JSON bodies`)
  const check = schemaChecker(document)
  for (const { name, schemaPointer, examples } of bodies) {
    t.ok(examples.length > 0, `${name} has an example`)
    examples.forEach((example, index) => { t.same(check(schemaPointer, example), [], `${name} example ${index + 1} matches its schema`) })
  }
})

t.test('/docs serves the interactive documentation', async (t) => {
  const app = await buildApp(t)
  const response = await app.inject({ method: 'GET', url: '/docs/' })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /text\/html/)
})
