import Fastify, { type FastifyInstance } from 'fastify'
import app from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { serverOptions } from '../../src/server-options.js'
import { databaseEnv, type Teardown } from './database.js'

/**
 * The real service (every plugin and route) on a fresh database and the in-process simulator.
 * `env` overrides the environment the service would read (DATA_DIR with DATABASE_URL '' runs the
 * embedded default).
 */
export async function buildApp (t: Teardown, env: Record<string, string> = {}): Promise<FastifyInstance> {
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', ...(await databaseEnv(t)), ...env })
  const fastify = Fastify(serverOptions(config, false))
  await fastify.register(app, { config })
  await fastify.ready()
  t.teardown(() => fastify.close())
  return fastify
}
