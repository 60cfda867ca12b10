import type { FastifyInstance } from 'fastify'
import { ProError } from './errors.js'

/**
 * PRO clients send `content-type: application/json` on every call, also on the body-less PUTs
 * (cancel, allocate with quote); an empty body therefore parses to `undefined` instead of failing.
 */
export function acceptJsonBodies (app: FastifyInstance): void {
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8')
    if (text.trim() === '') {
      done(null, undefined)
      return
    }
    try {
      done(null, JSON.parse(text))
    } catch {
      done(new ProError(400, 'InvalidRequestBody', 'The request body is not valid JSON.'), undefined)
    }
  })
}
