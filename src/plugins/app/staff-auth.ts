import { createHash, timingSafeEqual } from 'node:crypto'
import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { listOf, type Config } from '../../config.js'
import { AppError } from '../../errors.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook for staff routes: `fastify.addHook('onRequest', fastify.requireStaff)`. */
    requireStaff (request: FastifyRequest, reply: FastifyReply): Promise<void>
  }
  interface FastifyRequest {
    /** Which staff key acted (see `staffKeyId`); null on requests that did not present one. */
    staffKeyId: string | null
  }
}

export interface StaffAuthOptions {
  config: Pick<Config, 'STAFF_API_KEYS'>
}

const sha256 = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest()

/** A key's public name for logs and audit: the first 8 hex characters of its SHA-256. */
export function staffKeyId (key: string): string {
  return sha256(key).toString('hex').slice(0, 8)
}

/**
 * Checks `Authorization: Bearer <key>` against the staff keys; answers the key id or undefined.
 * Both sides are compared as SHA-256 digests, so the comparison takes the same time whatever the
 * length or content of the presented key, and every key is compared (no early exit).
 */
export function staffKeyVerifier (keys: readonly string[]): (authorization: string | undefined) => string | undefined {
  const known = keys.map((key) => ({ digest: sha256(key), id: staffKeyId(key) }))
  return (authorization) => {
    const presented = /^Bearer +(\S+) *$/i.exec(authorization ?? '')?.[1]
    if (presented === undefined) return undefined
    const digest = sha256(presented)
    let matched: string | undefined
    for (const key of known) {
      if (timingSafeEqual(key.digest, digest)) matched = key.id
    }
    return matched
  }
}

/**
 * Staff authentication for `/manifests`, `/admin/*` and `/consignments/*`. Order tokens are never
 * staff keys, and storefront routes never call this hook, so neither credential opens the other's routes.
 */
export default fp<StaffAuthOptions>(async function staffAuth (fastify, { config }) {
  const keys = listOf(config.STAFF_API_KEYS)
  if (keys.length === 0) fastify.log.warn('STAFF_API_KEYS is not set: every staff route answers 401')
  const verify = staffKeyVerifier(keys)

  fastify.decorateRequest('staffKeyId', null)
  fastify.decorate('requireStaff', async function requireStaff (request: FastifyRequest, reply: FastifyReply) {
    const keyId = verify(request.headers.authorization)
    if (keyId === undefined) {
      const missing = request.headers.authorization === undefined
      reply.header('www-authenticate', missing ? 'Bearer realm="staff"' : 'Bearer realm="staff", error="invalid_token"')
      throw new AppError('UNAUTHORIZED', { detail: missing ? 'A staff API key is required' : 'The staff API key is not valid' })
    }
    request.staffKeyId = keyId
    request.log = request.log.child({ staffKeyId: keyId })
    // Fastify's "request completed" line is written with reply.log.
    reply.log = request.log
  })
}, { name: 'staff-auth' })
