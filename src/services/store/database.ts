import pg from 'pg'
import type { Log } from '../log.js'
import { claimEmbeddedServer } from './embedded/owner.js'
import { startEmbeddedServer, stopEmbeddedServer } from './embedded/server.js'

export interface Database {
  pool: pg.Pool
  /** Connection string for other clients of the same database (e.g. the job queue on a server). */
  connectionString: string
  /** true: the embedded PostgreSQL server this process started (or adopted) in DATA_DIR. */
  embedded: boolean
  /** The server's version, e.g. "17.10". */
  serverVersion: string
  close (): Promise<void>
}

export interface DatabaseOptions {
  /** A PostgreSQL server; when absent an embedded server is started in `dataDir`. */
  databaseUrl?: string | undefined
  dataDir: string
  poolMax: number
  logger: Log
}

/**
 * The service's database on its embedded server: the one initdb makes, since the server is the
 * service's alone (creating another copies a whole database, ~0.15 s of a first start's disk time).
 */
const SERVICE_DATABASE = 'postgres'

type OpenedDatabase = Omit<Database, 'serverVersion'>

export async function openDatabase (options: DatabaseOptions): Promise<Database> {
  const opened = options.databaseUrl ? fromServer(options.databaseUrl, options) : await embedded(options)
  try {
    return { ...opened, serverVersion: await serverVersion(opened.pool) }
  } catch (err) {
    await opened.close().catch(() => undefined)
    throw err
  }
}

function createPool (connectionString: string, options: DatabaseOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max: options.poolMax,
    connectionTimeoutMillis: 5000,
    idleTimeoutMillis: 30000,
    application_name: 'checkout-bff'
  })
  // An idle client that loses its server emits here; without a listener the process would crash.
  pool.on('error', (err) => options.logger.error({ err }, 'idle PostgreSQL connection failed'))
  return pool
}

async function serverVersion (pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ server_version: string }>('SHOW server_version')
  return rows[0]!.server_version.split(' ')[0]!
}

function fromServer (databaseUrl: string, options: DatabaseOptions): OpenedDatabase {
  const pool = createPool(databaseUrl, options)
  return { pool, connectionString: databaseUrl, embedded: false, close: () => pool.end() }
}

/**
 * A real PostgreSQL server from the npm-shipped binaries, owned by this process: the same engine,
 * SQL, pool and concurrency as production. Closing stops it; a crash leaves it running for the
 * next start to adopt.
 */
async function embedded (options: DatabaseOptions): Promise<OpenedDatabase> {
  const server = await startEmbeddedServer({ dataDir: options.dataDir, log: options.logger })
  const ownership = await claimEmbeddedServer(server, options.logger)
  const connectionString = server.urlFor(SERVICE_DATABASE)
  const pool = createPool(connectionString, options)
  const close = async () => {
    await pool.end()
    await ownership.release()
    await stopEmbeddedServer(options.dataDir, options.logger)
  }
  return { pool, connectionString, embedded: true, close }
}
