import t from 'tap'
import { databaseEnv } from '../../helpers/database.js'
import { openDatabase } from '../../../src/services/store/database.js'
import { runHousekeeping } from '../../../src/services/jobs/housekeeping.js'

const silent = { debug () {}, info () {}, warn () {}, error () {} }

t.test('housekeeping removes offers a day past their cut-off and expired idempotency keys only', async (t) => {
  const env = await databaseEnv(t)
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: '', poolMax: 2, logger: silent })
  t.teardown(() => db.close())
  const now = new Date('2030-01-10T12:00:00Z')
  const offer = "INSERT INTO option_offers (option_id, request_key, request, option, cut_off) VALUES ($1, 'k', '{}', '{}', $2)"
  await db.pool.query(offer, ['EDO-OLD', new Date('2030-01-09T11:00:00Z')])
  await db.pool.query(offer, ['EDO-RECENT', new Date('2030-01-09T13:00:00Z')])
  const key = "INSERT INTO idempotency_keys (scope, key_hash, request_hash, state, expires_at) VALUES ('s', $1, 'h', 'completed', $2)"
  await db.pool.query(key, ['expired', new Date(Date.now() - 1000)])
  await db.pool.query(key, ['live', new Date(Date.now() + 3600_000)])

  t.same(await runHousekeeping(db.pool, now), { offersDeleted: 1, keysDeleted: 1 })
  t.same((await db.pool.query('SELECT option_id FROM option_offers')).rows, [{ option_id: 'EDO-RECENT' }])
  t.same((await db.pool.query('SELECT key_hash FROM idempotency_keys')).rows, [{ key_hash: 'live' }])
})
