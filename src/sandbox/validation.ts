import type { Static, TSchema } from '@sinclair/typebox'
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler'
import type { ValueError } from '@sinclair/typebox/errors'
import { ProError, targetFromPointer, type ProErrorDetail } from './errors.js'

const MAX_DETAILS = 5

export function compile<T extends TSchema> (schema: T): TypeCheck<T> {
  return TypeCompiler.Compile(schema)
}

/** For a value that matched no branch of a union (e.g. `Weight` or null), the deepest branch error. */
function innermost (error: ValueError): ValueError {
  let best = error
  for (const branch of error.errors) {
    const first = branch.First()
    if (first !== undefined && first.path.length > best.path.length) best = innermost(first)
  }
  return best
}

/** Checks a request body and answers PRO's 400 with one `Details` entry per failing field. */
export function parseBody<T extends TSchema> (check: TypeCheck<T>, value: unknown): Static<T> {
  if (check.Check(value)) return value
  const details: ProErrorDetail[] = []
  for (const reported of check.Errors(value)) {
    const error = innermost(reported)
    const target = targetFromPointer(error.path) || 'body'
    if (details.some(detail => detail.Target === target)) continue
    details.push({ Code: 'InvalidValue', Target: target, Message: error.message })
    if (details.length === MAX_DETAILS) break
  }
  const first = details[0]
  const message = first === undefined ? 'The request body is not valid.' : `${first.Target}: ${first.Message}`
  throw new ProError(400, 'ValidationFailed', message, details)
}
