import type { StaticDecode, TSchema } from '@sinclair/typebox'
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler'
import type { ValueError } from '@sinclair/typebox/errors'
import { TransformDecodeCheckError } from '@sinclair/typebox/value'
import { ProInvalidResponseError, type ResponseProblem } from './errors.js'
import type { ProOperation } from './operations.js'

const MAX_PROBLEMS = 10
const checkers = new WeakMap<TSchema, TypeCheck<TSchema>>()

/** Compiled once per schema, on first use. */
export function checkerFor<T extends TSchema> (schema: T): TypeCheck<T> {
  let checker = checkers.get(schema)
  if (checker === undefined) {
    checker = TypeCompiler.Compile(schema)
    checkers.set(schema, checker)
  }
  return checker as TypeCheck<T>
}

const depth = (errors: ValueError[]) => Math.max(-1, ...errors.map((error) => error.path.split('/').length))

/**
 * A union's own error says only that no variant matched (e.g. a list that is neither an array nor
 * null): the errors of the variant that matched deepest name the field at fault.
 */
function specific (error: ValueError): ValueError[] {
  if (error.errors.length === 0) return [error]
  const variants = error.errors.map((iterator) => [...iterator].flatMap(specific))
  const deepest = variants.reduce((best, errors) => depth(errors) > depth(best) ? errors : best, [])
  return deepest.length > 0 ? deepest : [error]
}

export function schemaProblems (schema: TSchema, value: unknown): ResponseProblem[] {
  const problems: ResponseProblem[] = []
  for (const error of checkerFor(schema).Errors(value)) {
    for (const found of specific(error)) problems.push({ path: found.path || '/', message: found.message })
    if (problems.length >= MAX_PROBLEMS) break
  }
  return problems.slice(0, MAX_PROBLEMS)
}

/**
 * Returns the value typed by the schema, decoded (a `List` sent as null becomes `[]`), or throws
 * ProInvalidResponseError listing what failed.
 */
export function validated<T extends TSchema> (op: ProOperation, schema: T, value: unknown): StaticDecode<T> {
  try {
    return checkerFor(schema).Decode(value)
  } catch (error) {
    if (error instanceof TransformDecodeCheckError) throw new ProInvalidResponseError(op, schemaProblems(schema, value))
    throw error
  }
}
