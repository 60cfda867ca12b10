import fp from 'fastify-plugin'
import type { Config } from '../../config.js'
import { openDatabase, type Database } from '../../services/store/database.js'
import { migrate, readMigrations, type Migration } from '../../services/store/migrations.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Database
    migrations: Migration[]
  }
}

export interface DatabasePluginOptions {
  config: Config
  /** A database the process entry began opening early (an embedded server starts while code loads). */
  opening?: Promise<Database> | undefined
}

/** Opens PostgreSQL (DATABASE_URL, or the embedded server in DATA_DIR) and brings its schema up to date before anything uses it. */
export default fp<DatabasePluginOptions>(async function database (fastify, { config, opening }) {
  const db = await (opening ?? openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolMax: config.DB_POOL_MAX,
    logger: fastify.log
  }))
  fastify.addHook('onClose', async () => db.close())
  const migrations = await readMigrations()
  const applied = await migrate(db.pool, migrations)
  fastify.log.info({ embedded: db.embedded, applied, known: migrations.length }, 'database ready')
  fastify.decorate('db', db)
  fastify.decorate('migrations', migrations)
}, { name: 'db' })
