import pino from 'pino'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { loadConfigOrExit } from './config.js'
import { loggerOptions } from './logger.js'
import { openDatabase } from './services/store/database.js'

const SHUTDOWN_GRACE_MS = 25_000

async function main (): Promise<void> {
  const config = loadConfigOrExit()
  const log = pino(loggerOptions(config))
  // The database opens first (an embedded server may initialise, ~1 s, in its own process) while
  // the rest of the service's code loads.
  const opening = openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolMax: config.DB_POOL_MAX, logger: log })
  opening.catch(() => undefined)
  const [{ default: Fastify }, { serverOptions }] = await Promise.all([import('fastify'), import('./server-options.js')])
  const fastify = Fastify(serverOptions(config, log)).withTypeProvider<TypeBoxTypeProvider>()

  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    fastify.log.info({ signal }, 'shutting down: finishing in-flight requests')
    const timer = setTimeout(() => {
      fastify.log.error({ graceMs: SHUTDOWN_GRACE_MS }, 'shutdown took too long, exiting')
      process.exit(1)
    }, SHUTDOWN_GRACE_MS)
    timer.unref()
    fastify.close().then(() => {
      fastify.log.info('stopped')
      process.exit(0)
    }, (err: unknown) => {
      fastify.log.error({ err }, 'error while shutting down')
      process.exit(1)
    })
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))

  try {
    const { default: app } = await import('./app.js')
    await fastify.register(app, { config, opening })
    await fastify.listen({ port: config.PORT, host: config.HOST })
  } catch (err) {
    fastify.log.fatal({ err }, 'failed to start')
    await fastify.close().catch(() => undefined)
    process.exit(1)
  }
}

await main()
