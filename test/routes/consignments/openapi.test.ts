import t from 'tap'
import { jsonBodies, schemaChecker } from '../openapi-examples.js'
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
  }
  const check = schemaChecker(document)
  const bodies = jsonBodies(document, (path) => path.startsWith('/consignments'))
  t.equal(bodies.filter((body) => body.name.endsWith(' request')).length, 2, 'create and allocate take a JSON body')
  for (const { name, schemaPointer, examples } of bodies) {
    t.ok(examples.length > 0, `${name} has an example`)
    examples.forEach((example, index) => { t.same(check(schemaPointer, example), [], `${name} example ${index + 1} matches its schema`) })
  }
  const byName = Object.fromEntries(operations.map(({ name, operation }) => [name, operation]))
  const label = byName['GET /consignments/{reference}/label']
  t.same(Object.keys(label.responses['200'].content).sort(), ['application/pdf', 'application/zpl', 'image/png'])
  t.equal(label.responses['200'].content['application/pdf'].schema.format, 'binary')
  t.ok(document.components.securitySchemes.staffKey)
})
