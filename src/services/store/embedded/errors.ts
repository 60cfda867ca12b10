/** Why the embedded PostgreSQL server could not be started or stopped; `code` is stable for scripts. */
export type EmbeddedServerErrorCode =
  | 'UNSUPPORTED_PLATFORM'
  | 'BINARIES_MISSING'
  | 'BINARIES_INCOMPLETE'
  | 'DATA_DIR_PATH_TOO_LONG'
  | 'DATA_DIR_VERSION_MISMATCH'
  | 'DATA_DIR_IN_USE'
  | 'NO_SERVER_USER'
  | 'NOT_REACHABLE'
  | 'INITDB_FAILED'
  | 'START_FAILED'
  | 'STOP_FAILED'

export class EmbeddedServerError extends Error {
  readonly code: `EMBEDDED_DB_${EmbeddedServerErrorCode}`

  constructor (code: EmbeddedServerErrorCode, message: string) {
    super(`embedded PostgreSQL: ${message}`)
    this.name = 'EmbeddedServerError'
    this.code = `EMBEDDED_DB_${code}`
  }
}
