import Fastify from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import app from './app.js'
import { loadConfigOrExit } from './config.js'
import { serverOptions } from './server-options.js'

const SHUTDOWN_GRACE_MS = 15_000

async function main (): Promise<void> {
  const config = loadConfigOrExit()
  const fastify = Fastify(serverOptions(config)).withTypeProvider<TypeBoxTypeProvider>()

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
    await fastify.register(app, { config })
    await fastify.listen({ port: config.PORT, host: config.HOST })
  } catch (err) {
    fastify.log.fatal({ err }, 'failed to start')
    await fastify.close().catch(() => undefined)
    process.exit(1)
  }
}

await main()
