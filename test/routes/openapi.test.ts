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

t.test('/docs serves the interactive documentation', async (t) => {
  const app = await buildApp(t)
  const response = await app.inject({ method: 'GET', url: '/docs/' })
  t.equal(response.statusCode, 200)
  t.match(response.headers['content-type'], /text\/html/)
})
