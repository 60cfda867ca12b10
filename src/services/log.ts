/** The slice of a pino logger that services use; Fastify's request/app loggers satisfy it. */
export interface Log {
  debug (obj: object, msg?: string): void
  info (obj: object, msg?: string): void
  warn (obj: object, msg?: string): void
  error (obj: object, msg?: string): void
}
