import t, { type Test } from 'tap'
import pg from 'pg'
import { setTimeout as sleep } from 'node:timers/promises'
import { freshDatabaseUrl, silentLog } from '../../helpers/database.js'
import { openDatabase, type Database } from '../../../src/services/store/database.js'
import { acquireLease } from '../../../src/services/leases/lease.js'
import { inTransaction } from '../../../src/services/store/transaction.js'

/** Terminates the server session of every connection of this database whose current or last statement matches. */
async function terminate (url: string, statement: string): Promise<number> {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    const { rows } = await admin.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE $1', [`%${statement}%`])
    for (const { pid } of rows) await admin.query('SELECT pg_terminate_backend($1)', [pid])
    return rows.length
  } finally {
    await admin.end()
  }
}

async function database (t: Test): Promise<{ db: Database, url: string }> {
  const url = await freshDatabaseUrl(t)
  const db = await openDatabase({ databaseUrl: url, dataDir: '', poolMax: 4, logger: silentLog })
  t.teardown(() => db.close())
  return { db, url }
}

t.test('a lease holder whose write connection the server drops fails that write, not the process; it still holds the lease', async (t) => {
  const { db, url } = await database(t)
  const lease = await acquireLease(db.pool, 'manifest-run', { ttlMs: 30_000, log: silentLog })
  t.teardown(() => lease?.release())
  const write = lease!.write(async (client) => {
    await client.query("SELECT 'marker-for-termination'")
    t.equal(await terminate(url, 'marker-for-termination'), 1, 'the session of the write is terminated mid-transaction')
    await sleep(300)
    await client.query('SELECT 1')
  })
  await t.rejects(write, { message: /terminat|Connection terminated/ }, 'the write reports the lost connection')
  t.equal(await acquireLease(db.pool, 'manifest-run', { ttlMs: 30_000, log: silentLog }), undefined, 'no one else took the lease')
  t.equal(await lease!.write(async (client) => (await client.query('SELECT 1 AS one')).rows[0].one), 1, 'the holder\'s next write goes through')
})

t.test('a transaction whose connection the server drops between statements fails, not the process', async (t) => {
  const { db, url } = await database(t)
  const outcome = inTransaction(db.pool, async (client) => {
    await client.query("SELECT 'marker-for-termination'")
    t.equal(await terminate(url, 'marker-for-termination'), 1)
    await sleep(300)
    await client.query('SELECT 1')
  })
  await t.rejects(outcome, { message: /terminat|Connection terminated/ })
  t.same((await db.pool.query('SELECT 1 AS one')).rows, [{ one: 1 }], 'the pool still serves')
})
