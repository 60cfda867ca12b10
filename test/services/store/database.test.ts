import t, { type Test } from 'tap'
import { freshDatabaseUrl, freshDataDir, silentLog } from '../../helpers/database.js'
import { openDatabase, type Database } from '../../../src/services/store/database.js'

/** Three transactions at once on separate connections: each sees only its own work until it ends. */
async function concurrentTransactions (t: Test, db: Database): Promise<void> {
  await db.pool.query('CREATE TABLE tx_probe (id int PRIMARY KEY, who text)')
  const inside = new Set<number>()
  let overlapped = false
  const work = async (who: string, id: number, commit: boolean) => {
    const client = await db.pool.connect()
    try {
      await client.query('BEGIN')
      await client.query('INSERT INTO tx_probe (id, who) VALUES ($1, $2)', [id, who])
      inside.add(id)
      if (inside.size > 1) overlapped = true
      const { rows } = await client.query<{ n: number }>('SELECT count(*)::int AS n FROM tx_probe')
      t.equal(rows[0]!.n, 1, `${who} sees its own row only`)
      await new Promise((resolve) => setTimeout(resolve, 50))
      inside.delete(id)
      await client.query(commit ? 'COMMIT' : 'ROLLBACK')
    } finally {
      client.release()
    }
  }
  await Promise.all([work('a', 1, true), work('b', 2, false), work('c', 3, true)])
  t.ok(overlapped, 'the transactions were open at the same time')
  const rows = await db.pool.query<{ who: string }>('SELECT who FROM tx_probe ORDER BY id')
  t.same(rows.rows.map((r) => r.who), ['a', 'c'], 'the rolled-back transaction left nothing, the others committed')
}

t.test('a PostgreSQL server named by a URL: concurrent transactions on separate connections', async (t) => {
  const db = await openDatabase({ databaseUrl: await freshDatabaseUrl(t), dataDir: '', poolMax: 4, logger: silentLog })
  t.teardown(() => db.close())
  t.equal(db.embedded, false)
  t.match(db.serverVersion, /^\d+\.\d+/)
  await concurrentTransactions(t, db)
})

t.test('the embedded server: a real PostgreSQL with concurrent connections, its data kept across restarts', async (t) => {
  const dataDir = await freshDataDir(t)
  const first = await openDatabase({ dataDir, poolMax: 4, logger: silentLog })
  t.equal(first.embedded, true)
  t.match(first.serverVersion, /^17\.\d+$/, 'PostgreSQL 17 from the npm-shipped binaries')
  await concurrentTransactions(t, first)
  await first.close()

  const second = await openDatabase({ dataDir, poolMax: 2, logger: silentLog })
  t.teardown(() => second.close())
  const rows = await second.pool.query<{ who: string }>('SELECT who FROM tx_probe ORDER BY id')
  t.same(rows.rows.map((r) => r.who), ['a', 'c'], 'committed rows are still there after a stop and a start')
})
