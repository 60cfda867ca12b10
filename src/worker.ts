import pino from 'pino'
import { ConfigError, loadConfigOrExit, type Config } from './config.js'
import { loggerOptions } from './logger.js'
import { openDatabase } from './services/store/database.js'
import { migrate, readMigrations } from './services/store/migrations.js'
import { createBackgroundProClient } from './services/pro/from-config.js'
import { jobQueueSettings, startJobQueue } from './services/jobs/queue.js'
import { startWorkers } from './services/fulfilment/workers.js'
import { fulfilmentDeps } from './services/fulfilment/deps.js'

const SHUTDOWN_GRACE_MS = 30_000

/** A worker shares the queue and PRO with the HTTP processes: neither can be private to it. */
function separateProcessRules (config: Config): void {
  if (!config.DATABASE_URL) throw new ConfigError('DATABASE_URL', 'is required for a separate worker process (an embedded server belongs to the service process that started it and stops with it)')
  if (!config.PRO_BASE_URL) throw new ConfigError('PRO_BASE_URL', 'is required for a separate worker process (the in-process simulator belongs to the HTTP process)')
}

/** Process entry for fulfilment workers only (run the HTTP processes with WORKERS=off). */
async function main (): Promise<void> {
  const config = loadConfigOrExit(separateProcessRules)
  const log = pino(loggerOptions(config))
  const db = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolMax: config.DB_POOL_MAX, logger: log })
  await migrate(db.pool, await readMigrations())
  const pro = createBackgroundProClient(config, { baseUrl: config.PRO_BASE_URL!, apiKey: config.PRO_API_KEY! }, log)
  const queue = await startJobQueue({ connectionString: db.connectionString, log, supervise: true, ...jobQueueSettings(config) })
  const deps = fulfilmentDeps(config, { pool: db.pool, pro, log: log.child({ component: 'fulfilment' }) })
  await startWorkers(queue, deps, {
    concurrency: config.FULFILMENT_CONCURRENCY,
    maxAttempts: config.FULFILMENT_MAX_ATTEMPTS,
    manifestCron: config.MANIFEST_CRON
  })
  log.info({ concurrency: config.FULFILMENT_CONCURRENCY }, 'fulfilment worker started')

  let closing = false
  const shutdown = (signal: string) => {
    if (closing) return
    closing = true
    log.info({ signal }, 'worker stopping: finishing jobs in flight')
    setTimeout(() => {
      log.error('worker shutdown took too long, exiting')
      process.exit(1)
    }, SHUTDOWN_GRACE_MS).unref()
    queue.stop()
      .then(() => pro.close())
      .then(() => db.close())
      .then(() => {
        log.info('worker stopped')
        process.exit(0)
      }, (err: unknown) => {
        log.error({ err }, 'error while stopping the worker')
        process.exit(1)
      })
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))
}

await main()
