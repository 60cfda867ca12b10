import t, { type Test } from 'tap'
import { freshDatabaseUrl, silentLog } from '../../helpers/database.js'
import { openDatabase, type Database } from '../../../src/services/store/database.js'
import { acquireLease, LeaseLostError } from '../../../src/services/leases/lease.js'

async function database (t: Test): Promise<Database> {
  const db = await openDatabase({ databaseUrl: await freshDatabaseUrl(t), dataDir: '', poolMax: 4, logger: silentLog })
  t.teardown(() => db.close())
  return db
}

async function expire (db: Database, name: string): Promise<void> {
  await db.pool.query("UPDATE leases SET expires_at = now() - interval '1 second' WHERE name = $1", [name])
}

async function waitFor (condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10))
}

t.test('a live lease has one holder; an expired one is taken over and its former holder can no longer write', async (t) => {
  const db = await database(t)
  await db.pool.query('CREATE TABLE writes (holder text)')
  const first = await acquireLease(db.pool, 'order:1', { ttlMs: 30_000, log: silentLog })
  t.ok(first, 'the first holder gets the lease')
  t.equal(first!.tookOver, false)
  t.equal(await acquireLease(db.pool, 'order:1', { ttlMs: 30_000, log: silentLog }), undefined, 'a second holder does not while it runs')

  await first!.write((client) => client.query("INSERT INTO writes VALUES ('first')"))
  await expire(db, 'order:1')
  const second = await acquireLease(db.pool, 'order:1', { ttlMs: 30_000, log: silentLog })
  t.equal(second?.tookOver, true, 'the expired lease is taken over')

  await t.rejects(first!.write((client) => client.query("INSERT INTO writes VALUES ('first, late')")), LeaseLostError, 'the former holder is fenced off')
  t.equal(first!.signal.aborted, true, 'and told so through its signal')
  t.equal(first!.deadline(), 0, 'its upstream calls have no time left')
  await second!.write((client) => client.query("INSERT INTO writes VALUES ('second')"))
  const { rows } = await db.pool.query('SELECT holder FROM writes ORDER BY holder')
  t.same(rows.map((row) => row.holder), ['first', 'second'], 'only writes made while holding the lease happened')
  await first!.release()
  t.ok(await db.pool.query("SELECT 1 FROM leases WHERE name = 'order:1'").then((r) => r.rowCount === 1), 'a former holder releasing does not free the new holder\'s lease')
  await second!.release()
  t.ok(await acquireLease(db.pool, 'order:1', { ttlMs: 30_000, log: silentLog }), 'a released lease is free at once')
})

t.test('a holder renews its lease while it works, so no one takes it over', async (t) => {
  const db = await database(t)
  const lease = await acquireLease(db.pool, 'run', { ttlMs: 1500, renewEveryMs: 100, log: silentLog })
  t.teardown(() => lease?.release())
  const firstDeadline = lease!.deadline()
  await waitFor(() => lease!.deadline() > firstDeadline + 1000)
  t.equal(await acquireLease(db.pool, 'run', { ttlMs: 1500, log: silentLog }), undefined, 'still held after most of its first TTL')
  const { rows } = await db.pool.query("SELECT expires_at > now() + interval '1 second' AS renewed FROM leases WHERE name = 'run'")
  t.equal(rows[0].renewed, true, 'the database expiry moved forward')
  t.ok(lease!.deadline() < Date.now() + 1500, 'the local deadline stays inside the lease')
})

t.test('a holder whose lease was taken over learns it at its next renewal', async (t) => {
  const db = await database(t)
  const lease = await acquireLease(db.pool, 'run', { ttlMs: 30_000, renewEveryMs: 50, log: silentLog })
  await expire(db, 'run')
  const other = await acquireLease(db.pool, 'run', { ttlMs: 30_000, log: silentLog })
  t.teardown(() => other?.release())
  await waitFor(() => lease!.signal.aborted)
  t.type(lease!.signal.reason, LeaseLostError)
})
