import t from 'tap'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { freshDatabaseUrl } from '../../helpers/database.js'
import { openDatabase, type Database } from '../../../src/services/store/database.js'
import { migrate, pendingMigrations, readMigrations } from '../../../src/services/store/migrations.js'

const silent = { debug () {}, info () {}, warn () {}, error () {} }

async function emptyDatabase (t: { teardown (fn: () => unknown): void }): Promise<Database> {
  const db = await openDatabase({ databaseUrl: await freshDatabaseUrl(t, { migrated: false }), dataDir: '', poolMax: 4, logger: silent })
  t.teardown(() => db.close())
  return db
}

t.test('migration files are numbered and readable', async (t) => {
  const migrations = await readMigrations()
  t.ok(migrations.length >= 1)
  t.same(migrations.map((m) => m.version), [...migrations.map((m) => m.version)].sort((a, b) => a - b))
  t.match(migrations[0]!.sql, /CREATE TABLE orders/)
})

t.test('a badly named migration file is refused', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'bff-migrations-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  await writeFile(join(dir, 'add-things.sql'), 'SELECT 1')
  const error = await readMigrations(dir).catch((caught: unknown) => caught)
  t.equal((error as Error).constructor, Error)
  t.equal((error as Error).message, 'migration file name "add-things.sql" does not match NNN-name.sql')
})

t.test(`migrations apply once, even when two replicas start together`, async (t) => {
  const db = await emptyDatabase(t)
  const migrations = await readMigrations()
  t.same(await pendingMigrations(db.pool, migrations), migrations.map((m) => m.version))

  const [first, second] = await Promise.all([migrate(db.pool, migrations), migrate(db.pool, migrations)])
  t.same([...first, ...second].sort(), migrations.map((m) => m.version), 'each version applied by exactly one runner')
  t.same(await pendingMigrations(db.pool, migrations), [])
  const rows = await db.pool.query('SELECT version FROM schema_migrations')
  t.equal(rows.rowCount, migrations.length)
  t.same(await migrate(db.pool, migrations), [], 'nothing left to apply')
})

t.test(`a failing migration leaves no trace`, async (t) => {
  const db = await emptyDatabase(t)
  const migrations = [
    { version: 1, name: 'good', sql: 'CREATE TABLE good_table (id int)' },
    { version: 2, name: 'bad', sql: 'CREATE TABLE broken (' }
  ]
  const error = await migrate(db.pool, migrations).catch((caught: unknown) => caught)
  t.type(error, pg.DatabaseError)
  t.equal((error as pg.DatabaseError).code, '42601', 'PostgreSQL\'s syntax_error, from migration 2')
  t.equal((error as pg.DatabaseError).message, 'syntax error at end of input')
  const table = await db.pool.query("SELECT to_regclass('good_table') AS t")
  t.equal(table.rows[0].t, null, 'the earlier migration of the same run was rolled back too')
  t.same(await pendingMigrations(db.pool, migrations), [1, 2])
})
