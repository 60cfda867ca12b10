import { mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import pg from 'pg'
import type { Log } from '../log.js'
import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface Database {
  pool: pg.Pool
  /** Connection string for other clients of the same database (e.g. the job queue on a server). */
  connectionString: string
  /** Embedded PGlite: every client must go through `pool` (see EMBEDDED_POOL_MAX). */
  embedded: boolean
  close (): Promise<void>
}

export interface DatabaseOptions {
  /** A PostgreSQL server; when absent an embedded PGlite database is opened in `dataDir`. */
  databaseUrl?: string | undefined
  dataDir: string
  poolMax: number
  logger: Log
}

/**
 * The embedded socket multiplexes connections onto PGlite's single session message by message, so
 * two connections' extended-protocol messages (parse/bind/execute) can interleave outside a
 * transaction and corrupt each other. One pooled connection, shared by everything in the process
 * (the job queue too), keeps every statement whole. Spare slots serve tools such as psql.
 */
const EMBEDDED_POOL_MAX = 1
const EMBEDDED_SOCKET_CONNECTIONS = 4

export async function openDatabase (options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    return fromServer(options.databaseUrl, options)
  }
  return embedded(options)
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

async function fromServer (databaseUrl: string, options: DatabaseOptions): Promise<Database> {
  const pool = createPool(databaseUrl, options)
  return {
    pool,
    connectionString: databaseUrl,
    embedded: false,
    close: () => pool.end()
  }
}

/**
 * PGlite served over a local TCP socket to the ordinary `pg` driver, so the embedded default runs
 * the same SQL and code path as a PostgreSQL server.
 */
async function embedded (options: DatabaseOptions): Promise<Database> {
  const dataDir = resolve(options.dataDir)
  await mkdir(dataDir, { recursive: true })
  const started = Date.now()
  const db = await PGlite.create(dataDir)
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: 0,
    maxConnections: EMBEDDED_SOCKET_CONNECTIONS
  })
  await server.start()
  // After start() this is "host:port" with the port the OS assigned.
  const connectionString = `postgres://postgres@${server.getServerConn()}/postgres`
  options.logger.info({ dataDir, ms: Date.now() - started }, 'embedded PGlite database opened')
  const pool = createPool(connectionString, { ...options, poolMax: EMBEDDED_POOL_MAX })
  return {
    pool,
    connectionString,
    embedded: true,
    async close () {
      await pool.end()
      await server.stop()
      await db.close()
    }
  }
}
