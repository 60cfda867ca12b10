import pg from 'pg'
import type { Log } from '../../log.js'
import { EmbeddedServerError } from './errors.js'
import type { EmbeddedServer } from './server.js'

/** Session advisory lock held by the one service process that owns an embedded server. */
const OWNER_LOCK_KEY = 4_021_779_311

export interface Ownership {
  release (): Promise<void>
}

/**
 * One service process owns an embedded server: it holds a session advisory lock on a connection of
 * its own for as long as it lives. A process that dies loses its connection and the lock with it,
 * so the next start can tell "left behind by a crash" (adopt) from "in use" (refuse).
 */
export async function claimEmbeddedServer (server: EmbeddedServer, log: Log): Promise<Ownership> {
  const client = new pg.Client({ connectionString: server.urlFor('postgres'), application_name: `checkout-bff owner (pid ${process.pid})` })
  client.on('error', (err) => log.error({ err }, 'embedded PostgreSQL: the owner connection failed'))
  await client.connect()
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [OWNER_LOCK_KEY])
  if (!rows[0]?.locked) {
    const holder = await client.query<{ name: string }>(
      `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE l.locktype = 'advisory' AND l.granted AND l.objid = $1`, [OWNER_LOCK_KEY])
    await client.end()
    throw new EmbeddedServerError('DATA_DIR_IN_USE',
      `its server is in use by another service process (${holder.rows[0]?.name ?? 'unknown'}); give each process its own DATA_DIR, or share a PostgreSQL server with DATABASE_URL`)
  }
  return { release: () => client.end() }
}
