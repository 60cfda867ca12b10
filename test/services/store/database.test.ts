import t from 'tap'
import { databaseKinds, databaseEnv } from '../../helpers/database.js'
import { openDatabase } from '../../../src/services/store/database.js'

const silent = { debug () {}, info () {}, warn () {}, error () {} }

for (const kind of databaseKinds) {
  t.test(`${kind}: the pg pool runs concurrent transactions without mixing them`, async (t) => {
    const env = await databaseEnv(t, kind)
    const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR ?? '', poolMax: 4, logger: silent })
    t.teardown(() => db.close())
    t.equal(db.embedded, kind === 'pglite')
    t.match(db.connectionString, /^postgres:\/\//)

    await db.pool.query('CREATE TABLE tx_probe (id int PRIMARY KEY, who text)')
    const work = async (who: string, id: number, commit: boolean) => {
      const client = await db.pool.connect()
      try {
        await client.query('BEGIN')
        await client.query('INSERT INTO tx_probe (id, who) VALUES ($1, $2)', [id, who])
        await new Promise((resolve) => setTimeout(resolve, 20))
        await client.query(commit ? 'COMMIT' : 'ROLLBACK')
      } finally {
        client.release()
      }
    }
    await Promise.all([work('a', 1, true), work('b', 2, false), work('c', 3, true), db.pool.query('SELECT 1')])
    const rows = await db.pool.query<{ who: string }>('SELECT who FROM tx_probe ORDER BY id')
    t.same(rows.rows.map((r) => r.who), ['a', 'c'], 'the rolled-back transaction left nothing, the others committed')
  })
}

t.test('the embedded database keeps its data across restarts', async (t) => {
  const env = await databaseEnv(t, 'pglite')
  const first = await openDatabase({ dataDir: env.DATA_DIR!, poolMax: 2, logger: silent })
  await first.pool.query('CREATE TABLE kept (v text)')
  await first.pool.query("INSERT INTO kept VALUES ('still here')")
  await first.close()
  const second = await openDatabase({ dataDir: env.DATA_DIR!, poolMax: 2, logger: silent })
  t.teardown(() => second.close())
  const rows = await second.pool.query<{ v: string }>('SELECT v FROM kept')
  t.equal(rows.rows[0]?.v, 'still here')
})
