/** SQL of the migration runner, kept apart from the code that runs it. */

/** Any constant works; all replicas must agree on it. */
export const MIGRATION_LOCK_KEY = 7_310_424_001

export const lockMigrations = 'SELECT pg_advisory_xact_lock($1)'

export const createMigrationsTable = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version     integer     PRIMARY KEY,
  name        text        NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now()
)`

export const selectApplied = 'SELECT version, name FROM schema_migrations ORDER BY version'

export const insertApplied = 'INSERT INTO schema_migrations (version, name) VALUES ($1, $2)'

export const tableExists = "SELECT to_regclass('schema_migrations') IS NOT NULL AS exists"
