import { chmod, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { createHash, randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { migrate, readMigrations } from '../../src/services/store/migrations.js'
import { embeddedServerUrl, startEmbeddedServer, stopEmbeddedServer } from '../../src/services/store/embedded/server.js'
import { startJobQueue } from '../../src/services/jobs/queue.js'
import { isAlive } from '../../src/services/store/embedded/postmaster.js'

/**
 * Every database test runs on a real PostgreSQL server: TEST_DATABASE_URL when set, otherwise one
 * embedded server for the whole run (started by test/setup/before.ts, stopped by after.ts). Each
 * test gets a database of its own, cloned from a migrated template.
 */

export interface Teardown { teardown (fn: () => unknown): void }

export const silentLog = { debug () {}, info () {}, warn () {}, error () {} }

const RUN_DIR_PREFIX = 'checkout-bff-tests-run-'

/**
 * One server per tap run, in a folder named by the run's tap process (the parent of the `before`
 * script and of every test file), so two runs at once never share, or stop, each other's server.
 */
export const TEST_SERVER_DIR = join(tmpdir(), `${RUN_DIR_PREFIX}${process.ppid}`)

/** Throwaway data: no fsync, and room for many test databases' pools at once. */
const TEST_SERVER_SETTINGS = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '400' }

/** A connection string for `database` on the test server. */
export function testServerUrl (database = 'postgres'): string {
  const external = process.env.TEST_DATABASE_URL
  if (!external) return embeddedServerUrl(TEST_SERVER_DIR, database)
  const url = new URL(external)
  url.pathname = `/${database}`
  return url.toString()
}

let template: Promise<string> | undefined

/** Named by a hash of the migrations; read once per test process. */
function templateName (): Promise<string> {
  template ??= readMigrations().then((migrations) => `bff_template_${createHash('sha256').update(JSON.stringify(migrations)).digest('hex').slice(0, 12)}`)
  return template
}

async function withAdmin<T> (work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServerUrl() })
  await client.connect().catch((err: Error) => {
    throw new Error(`no test database server (${err.message}): run tests through tap (npm test, npx tap <file>), whose before script starts it`)
  })
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** Migrations and the job queue's schema, made once per migration set (kept across runs). */
async function ensureTemplate (): Promise<void> {
  const template = await templateName()
  await withAdmin(async (admin) => {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [template])
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])
    if (found.rowCount === 0) {
      const building = `${template}_building`
      await admin.query(`DROP DATABASE IF EXISTS ${building}`)
      await admin.query(`CREATE DATABASE ${building}`)
      const pool = new pg.Pool({ connectionString: testServerUrl(building), max: 2 })
      await migrate(pool, await readMigrations())
      await pool.end()
      const queue = await startJobQueue({ connectionString: testServerUrl(building), log: silentLog, supervise: false, fulfilmentAttempts: 1, jobTimeoutSeconds: 60, retryDelaySeconds: 1 })
      await queue.stop()
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`)
    }
    await admin.query('SELECT pg_advisory_unlock(hashtext($1))', [template])
  })
}

/** Servers of earlier runs that were killed before their `after` script ran. */
async function removeAbandonedRuns (): Promise<void> {
  for (const name of await readdir(tmpdir())) {
    const runner = Number(name.startsWith(RUN_DIR_PREFIX) ? name.slice(RUN_DIR_PREFIX.length) : NaN)
    if (!Number.isInteger(runner) || isAlive(runner)) continue
    await stopEmbeddedServer(join(tmpdir(), name), silentLog)
    await rm(join(tmpdir(), name), { recursive: true, force: true })
  }
}

/** test/setup/before.ts: the run's server (unless TEST_DATABASE_URL) and the template. */
export async function prepareTestServer (): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) {
    await removeAbandonedRuns()
    await mkdir(TEST_SERVER_DIR, { recursive: true, mode: 0o755 })
    await chmod(TEST_SERVER_DIR, 0o755)
    await startEmbeddedServer({ dataDir: TEST_SERVER_DIR, log: silentLog, durable: false, settings: TEST_SERVER_SETTINGS })
  }
  await ensureTemplate()
}

/** test/setup/after.ts */
export async function stopTestServer (): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return
  await stopEmbeddedServer(TEST_SERVER_DIR, silentLog)
  await rm(TEST_SERVER_DIR, { recursive: true, force: true })
}

/**
 * A fresh database of this test's own, dropped at teardown: migrated (cloned from the template)
 * or empty (for the migration tests).
 */
export async function freshDatabaseUrl (t: Teardown, { migrated = true } = {}): Promise<string> {
  const name = `bff_test_${randomBytes(6).toString('hex')}`
  const template = migrated ? await templateName() : 'template0'
  await withAdmin((admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`))
  t.teardown(() => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)))
  return testServerUrl(name)
}

/** Environment variables that point the service at a fresh migrated database. */
export async function databaseEnv (t: Teardown): Promise<{ DATABASE_URL: string }> {
  return { DATABASE_URL: await freshDatabaseUrl(t) }
}

/**
 * An empty DATA_DIR for tests of the embedded default itself (the service starts its own server
 * there); any server left in it is stopped before the folder is removed.
 */
export async function freshDataDir (t: Teardown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bff-data-'))
  // mkdtemp makes it private; as root the server runs as `postgres`, which must be able to enter it.
  await chmod(dir, 0o755)
  const dataDir = join(dir, 'data')
  t.teardown(async () => {
    await stopEmbeddedServer(dataDir, silentLog)
    await rm(dir, { recursive: true, force: true })
  })
  return dataDir
}
