import t, { type Test } from 'tap'
import pg from 'pg'
import { setTimeout as sleep } from 'node:timers/promises'
import { freshDatabaseUrl, silentLog } from '../../helpers/database.js'
import { openDatabase, type Database } from '../../../src/services/store/database.js'
import { createExclusive } from '../../../src/services/store/exclusive.js'
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

t.test('a manifest-run lock whose connection the server drops fails that run, not the process; the next run takes the lock', async (t) => {
  const { db, url } = await database(t)
  const exclusive = createExclusive(db.pool)
  const first = exclusive('manifest-run', async () => {
    t.equal(await terminate(url, 'pg_try_advisory_lock'), 1, 'the session holding the lock is terminated mid-run')
    await sleep(300)
    return 'finished'
  })
  await t.rejects(first, { message: /terminat|Connection terminated/ }, 'the run reports the lost connection')
  const second = await exclusive('manifest-run', async () => 'ran')
  t.same(second, { ran: true, value: 'ran' }, 'the lock went with the dropped session')
  t.same((await db.pool.query('SELECT 1 AS one')).rows, [{ one: 1 }], 'the pool still serves')
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
