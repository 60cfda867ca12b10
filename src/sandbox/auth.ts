import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'

const KEY_HEADER = 'ocp-apim-subscription-key'

function digest (value: string): Buffer {
  return createHash('sha256').update(value).digest()
}

/**
 * The API gateway's key check. Its 401 body is the gateway's own, not PRO's error shape
 * (PRO-API.md §2), and never echoes the key.
 */
export function authenticate (apiKey: string | undefined) {
  const expected = apiKey === undefined || apiKey === '' ? undefined : digest(apiKey)
  return async function checkSubscriptionKey (request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const key = request.headers[KEY_HEADER]
    if (typeof key !== 'string' || key === '') {
      await reply.code(401).send({ statusCode: 401, message: 'Access denied: the subscription key header is missing. Send it with every request.' })
      return
    }
    if (expected !== undefined && !timingSafeEqual(digest(key), expected)) {
      await reply.code(401).send({ statusCode: 401, message: 'Access denied: the subscription key is not valid for an active subscription.' })
    }
  }
}
