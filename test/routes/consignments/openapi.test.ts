import t from 'tap'
import { buildStaffApp } from './helpers.js'

t.test('every contact-centre route is documented: tag, staff security, problems, examples, binary files', async (t) => {
  const app = await buildStaffApp(t)
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
  const operations = Object.entries(document.paths as Record<string, Record<string, any>>)
    .filter(([path]) => path.startsWith('/consignments'))
    .flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })))
  t.equal(operations.length, 8)
  for (const { name, operation } of operations) {
    t.same(operation.tags, ['contact-centre'], `${name} is tagged`)
    t.same(operation.security, [{ staffKey: [] }], `${name} needs a staff key`)
    t.ok(operation.responses['401'], `${name} documents its 401`)
    const request = operation.requestBody?.content?.['application/json']
    if (request) t.ok(request.example ?? request.examples, `${name} has a request example`)
  }
  const byName = Object.fromEntries(operations.map(({ name, operation }) => [name, operation]))
  const label = byName['GET /consignments/{reference}/label']
  t.same(Object.keys(label.responses['200'].content).sort(), ['application/pdf', 'application/zpl', 'image/png'])
  t.equal(label.responses['200'].content['application/pdf'].schema.format, 'binary')
  const created = byName['POST /consignments'].responses['201'].content['application/json']
  t.ok(created.example ?? created.examples, 'the created consignment has an example')
  const quotes = byName['GET /consignments/{reference}/quotes'].responses['200'].content['application/json']
  t.ok(quotes.example ?? quotes.examples, 'quotes have an example')
  t.ok(document.components.securitySchemes.staffKey)
})
