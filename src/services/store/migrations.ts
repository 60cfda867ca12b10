import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type pg from 'pg'
import * as sql from './migrations.sql.js'
import { inTransaction } from './transaction.js'

export interface Migration {
  version: number
  name: string
  sql: string
}

/** `migrations/` at the project root, from both `src/services/store` and `dist/services/store`. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url))

const FILE_NAME = /^(\d{3,})-([a-z0-9-]+)\.sql$/

export async function readMigrations (dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith('.sql')).sort()
  const migrations: Migration[] = []
  for (const file of files) {
    const match = FILE_NAME.exec(file)
    if (!match) throw new Error(`migration file name "${file}" does not match NNN-name.sql`)
    const version = Number(match[1])
    if (migrations.some((m) => m.version === version)) throw new Error(`two migrations share version ${version}`)
    migrations.push({ version, name: match[2]!, sql: await readFile(join(dir, file), 'utf8') })
  }
  return migrations
}

/**
 * Applies the pending migrations in one transaction behind a transaction-scoped advisory lock,
 * so replicas starting together apply each migration exactly once and never see half a schema.
 */
export async function migrate (pool: pg.Pool, migrations: Migration[]): Promise<number[]> {
  return inTransaction(pool, async (client) => {
    await client.query(sql.lockMigrations, [sql.MIGRATION_LOCK_KEY])
    await client.query(sql.createMigrationsTable)
    const applied = new Set((await client.query<{ version: number }>(sql.selectApplied)).rows.map((r) => r.version))
    const done: number[] = []
    for (const migration of migrations) {
      if (applied.has(migration.version)) continue
      await client.query(migration.sql)
      await client.query(sql.insertApplied, [migration.version, migration.name])
      done.push(migration.version)
    }
    return done
  })
}

/** Versions known to the code but not applied in the database (empty when up to date). */
export async function pendingMigrations (pool: pg.Pool, migrations: Migration[]): Promise<number[]> {
  const exists = await pool.query<{ exists: boolean }>(sql.tableExists)
  if (!exists.rows[0]?.exists) return migrations.map((m) => m.version)
  const applied = new Set((await pool.query<{ version: number }>(sql.selectApplied)).rows.map((r) => r.version))
  return migrations.filter((m) => !applied.has(m.version)).map((m) => m.version)
}
