import type { Static, TSchema } from '@sinclair/typebox'
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler'
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

export function schemaProblems (schema: TSchema, value: unknown): ResponseProblem[] {
  const problems: ResponseProblem[] = []
  for (const error of checkerFor(schema).Errors(value)) {
    problems.push({ path: error.path || '/', message: error.message })
    if (problems.length === MAX_PROBLEMS) break
  }
  return problems
}

/** Returns the value typed by the schema, or throws ProInvalidResponseError listing what failed. */
export function validated<T extends TSchema> (op: ProOperation, schema: T, value: unknown): Static<T> {
  if (checkerFor(schema).Check(value)) return value
  throw new ProInvalidResponseError(op, schemaProblems(schema, value))
}
