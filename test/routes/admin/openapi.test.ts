import t from 'tap'
import { FormatRegistry, type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { buildApp } from '../../helpers/app.js'
import { jsonBodies, schemaChecker } from '../openapi-examples.js'
import { AdminOrderPageSchema, QueueOverviewSchema, RetriedOrderSchema } from '../../../src/schemas/admin.js'
import { ManifestRunSchema } from '../../../src/schemas/manifests.js'
import { decodeCursor } from '../../../src/services/admin/page-cursor.js'

t.test('every staff operation is tagged, declares the staff key, documents its 401 and has valid examples of its bodies', async (t) => {
  const app = await buildApp(t, { WORKERS: 'off' })
  const document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json()
  const operations = [
    ['/manifests', 'post'],
    ['/admin/orders', 'get'],
    ['/admin/orders/{id}/retry', 'post'],
    ['/admin/queue', 'get']
  ] as const
  for (const [path, method] of operations) {
    const operation = document.paths[path]?.[method]
    t.ok(operation, `${method.toUpperCase()} ${path} is described`)
    t.same(operation.tags, ['operations'])
    t.same(operation.security, [{ staffKey: [] }])
    t.ok(operation.responses['401'], 'documents 401')
  }
  t.ok(document.components.securitySchemes.staffKey)
  const check = schemaChecker(document)
  const staffPaths = new Set<string>(operations.map(([path]) => path))
  const bodies = jsonBodies(document, (path) => staffPaths.has(path))
  t.ok(bodies.some((body) => body.name === 'GET /admin/queue 200'))
  for (const { name, schemaPointer, examples } of bodies) {
    t.ok(examples.length > 0, `${name} has an example`)
    examples.forEach((example, index) => { t.same(check(schemaPointer, example), [], `${name} example ${index + 1} matches its schema`) })
  }
})

t.test('the examples are valid answers', async (t) => {
  FormatRegistry.Set('uuid', (value) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value))
  FormatRegistry.Set('date-time', (value) => !Number.isNaN(Date.parse(value)))
  for (const [name, schema] of Object.entries({ AdminOrderPageSchema, RetriedOrderSchema, QueueOverviewSchema, ManifestRunSchema }) as Array<[string, TSchema]>) {
    t.ok(schema.examples?.length > 0, `${name} has examples`)
    for (const example of schema.examples) t.ok(Value.Check(schema, example), `${name} example is valid`)
  }
  t.doesNotThrow(() => decodeCursor(AdminOrderPageSchema.examples[0].nextCursor), 'the example cursor is one this service writes')
})
