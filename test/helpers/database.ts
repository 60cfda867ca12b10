import { cp, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { createHash, randomBytes } from 'node:crypto'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { migrate, readMigrations } from '../../src/services/store/migrations.js'
import { openDatabase } from '../../src/services/store/database.js'

export type DatabaseKind = 'pglite' | 'postgres'

/** Every test that touches the database runs on embedded PGlite, and on PostgreSQL when CI has one. */
export const databaseKinds: DatabaseKind[] = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

export interface Teardown { teardown (fn: () => unknown): void }

const silentLog = { debug () {}, info () {}, warn () {}, error () {} }

async function exists (path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false)
}

/**
 * A migrated PGlite data folder, made once per machine and migration set (initdb costs seconds),
 * which each test copies into a fresh folder of its own.
 */
async function pgliteTemplate (): Promise<string> {
  const migrations = await readMigrations()
  const hash = createHash('sha256').update(JSON.stringify(migrations)).digest('hex').slice(0, 12)
  const dir = join(tmpdir(), `checkout-bff-pglite-template-${hash}`)
  const ready = join(dir, '.template-ready')
  const lock = `${dir}.lock`
  for (;;) {
    if (await exists(ready)) return join(dir, 'data')
    try {
      await mkdir(lock)
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200))
      continue
    }
    try {
      await rm(dir, { recursive: true, force: true })
      const data = join(dir, 'data')
      const db = await openDatabase({ dataDir: data, poolMax: 2, logger: silentLog })
      await migrate(db.pool, migrations)
      await db.close()
      await writeFile(ready, new Date().toISOString())
    } finally {
      await rm(lock, { recursive: true, force: true })
    }
  }
}

/** A fresh, migrated PGlite data folder for one test. */
export async function freshDataDir (t: Teardown): Promise<string> {
  const template = await pgliteTemplate()
  const dir = await mkdtemp(join(tmpdir(), 'checkout-bff-test-'))
  const data = join(dir, 'data')
  await cp(template, data, { recursive: true })
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  return data
}

/** A fresh, empty database on the PostgreSQL server named by TEST_DATABASE_URL. */
export async function freshPostgresUrl (t: Teardown): Promise<string> {
  const serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set')
  const name = `bff_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  t.teardown(async () => {
    const dropper = new pg.Client({ connectionString: serverUrl })
    await dropper.connect()
    await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    await dropper.end()
  })
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** Environment variables that point the service at a fresh database of the given kind. */
export async function databaseEnv (t: Teardown, kind: DatabaseKind): Promise<Record<string, string>> {
  return kind === 'postgres'
    ? { DATABASE_URL: await freshPostgresUrl(t) }
    : { DATA_DIR: await freshDataDir(t) }
}
