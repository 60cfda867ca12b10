import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js'
import formats from 'ajv-formats'

/* The JSON bodies an OpenAPI document describes, their examples, and a check of each example against its schema. */

type Json = Record<string, any>

export interface DocumentedBody {
  /** e.g. `POST /checkout/options request`, `GET /admin/queue 200` */
  name: string
  /** JSON pointer (as a URI fragment) of the body's schema in the document. */
  schemaPointer: string
  examples: unknown[]
}

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1')

function resolve (document: Json, schema: Json | undefined): Json | undefined {
  const ref = schema?.$ref
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return schema
  return ref.slice(2).split('/').reduce<Json | undefined>((node, segment) => node?.[segment.replace(/~1/g, '/').replace(/~0/g, '~')], document)
}

/** A media type's `example`, the values of its `examples`, and its (referenced) schema's JSON Schema `examples`. */
function examplesOf (document: Json, media: Json): unknown[] {
  const schema = resolve(document, media.schema)
  return [
    ...('example' in media ? [media.example] : []),
    ...Object.values<Json>(media.examples ?? {}).map((example) => example.value),
    ...(Array.isArray(schema?.examples) ? schema.examples : [])
  ]
}

/** Every JSON request body and JSON response body of the operations whose path passes `include`. */
export function jsonBodies (document: Json, include: (path: string) => boolean = () => true): DocumentedBody[] {
  const bodies: DocumentedBody[] = []
  for (const [path, methods] of Object.entries<Json>(document.paths)) {
    if (!include(path)) continue
    for (const [method, operation] of Object.entries<Json>(methods)) {
      const at = `#/paths/${escape(path)}/${method}`
      const name = `${method.toUpperCase()} ${path}`
      const contents = [
        ...Object.entries<Json>(operation.requestBody?.content ?? {}).map(([type, media]) =>
          ({ name: `${name} request`, pointer: `${at}/requestBody/content/${escape(type)}`, type, media })),
        ...Object.entries<Json>(operation.responses ?? {}).flatMap(([status, response]) =>
          Object.entries<Json>(response.content ?? {}).map(([type, media]) =>
            ({ name: `${name} ${status}`, pointer: `${at}/responses/${status}/content/${escape(type)}`, type, media })))
      ]
      for (const { name, pointer, type, media } of contents) {
        if (/^application\/(.+\+)?json$/.test(type)) bodies.push({ name, schemaPointer: `${pointer}/schema`, examples: examplesOf(document, media) })
      }
    }
  }
  return bodies
}

/** Checks a value against the schema at a pointer of the document (OpenAPI 3.1 schemas are JSON Schema 2020-12); answers the problems. */
export function schemaChecker (document: Json): (schemaPointer: string, value: unknown) => string[] {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  // ajv-formats is CommonJS: its function is the module's `default`.
  formats.default(ajv)
  ajv.addSchema(document, 'openapi.json')
  return (schemaPointer, value) => {
    const validate = ajv.getSchema(`openapi.json${schemaPointer}`)
    if (validate === undefined) return [`no schema at ${schemaPointer}`]
    return validate(value) ? [] : (validate.errors ?? []).map((error: ErrorObject) => `${error.instancePath || '/'} ${error.message ?? ''}`)
  }
}
