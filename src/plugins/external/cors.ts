import fp from 'fastify-plugin'
import cors from '@fastify/cors'
import { listOf, type Config } from '../../config.js'

/** Browsers may call the API only from the storefront origins in CORS_ORIGINS. */
export default fp<{ config: Config }>(async function corsPolicy (fastify, { config }) {
  const origins = listOf(config.CORS_ORIGINS)
  await fastify.register(cors, {
    origin: origins.length > 0 ? origins : false,
    methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['content-type', 'authorization', 'idempotency-key', 'if-none-match'],
    exposedHeaders: ['etag', 'retry-after', 'idempotent-replayed', 'location'],
    maxAge: 600
  })
}, { name: 'cors' })
