import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { CustomsCategories, ShippingTerms } from './schemas/consignments.js'

const PositiveInt = (defaultValue: number, description: string) =>
  Type.Integer({ minimum: 1, default: defaultValue, description })
const Flag = (description: string) => Type.Boolean({ default: false, description })

/** The whole environment the service reads. Names are part of the operating contract. */
export const ConfigSchema = Type.Object({
  NODE_ENV: Type.Union([Type.Literal('development'), Type.Literal('production'), Type.Literal('test')], { default: 'development' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'HTTP port' }),
  HOST: Type.String({ minLength: 1, default: '127.0.0.1', description: 'HTTP bind address' }),
  LOG_LEVEL: Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)), { default: 'info' }),
  LOG_PRETTY: Flag('human-readable logs instead of JSON (development only)'),

  PRO_BASE_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$', description: 'PRO base URL; unset runs the in-process simulator' })),
  PRO_API_KEY: Type.Optional(Type.String({ minLength: 1, description: 'sent as ocp-apim-subscription-key' })),
  PRO_CONNECT_TIMEOUT_MS: PositiveInt(2000, 'TCP/TLS connect timeout towards PRO'),
  PRO_HEADERS_TIMEOUT_MS: PositiveInt(10000, 'time allowed for PRO to start answering'),
  PRO_BODY_TIMEOUT_MS: PositiveInt(10000, 'time allowed between body chunks from PRO'),
  PRO_MAX_CONNECTIONS: PositiveInt(16, 'keep-alive connections to PRO per process, shared out by PRO_BUDGET_SHARES (each budget at least 1)'),
  PRO_MAX_CONCURRENT: PositiveInt(32, 'requests in flight to PRO per process, shared out by PRO_BUDGET_SHARES (each budget at least 1); more wait in a queue'),
  PRO_REQUESTS_PER_SECOND: PositiveInt(50, 'client-side cap of requests per second to PRO per process, shared out by PRO_BUDGET_SHARES'),
  PRO_BUDGET_SHARES: Type.String({
    pattern: '^options=[1-9][0-9]{0,3},confirm=[1-9][0-9]{0,3},background=[1-9][0-9]{0,3}$',
    default: 'options=40,confirm=20,background=40',
    description: 'relative shares of the PRO caps for checkout options, order confirmation and background work, as options=N,confirm=N,background=N (N from 1)'
  }),
  PRO_MAX_RETRIES: Type.Integer({ minimum: 0, maximum: 10, default: 2, description: 'retries of a retryable PRO call' }),
  PRO_CALL_TIMEOUT_MS: PositiveInt(20000, 'deadline of a background PRO call: its wait in our queue, every attempt and every retry sleep end by then'),
  PRO_INTERACTIVE_TIMEOUT_MS: PositiveInt(4000, 'deadline of a PRO call a shopper waits on (options, confirm), queue wait and retries included; also its headers/body timeout'),
  PRO_INTERACTIVE_RETRIES: Type.Integer({ minimum: 0, maximum: 5, default: 1, description: 'retries of a retryable PRO call a shopper waits on' }),
  PRO_BREAKER_THRESHOLD: Type.Integer({ minimum: 0, maximum: 1000, default: 5, description: 'consecutive failed PRO attempts (5xx, timeouts, connection failures) that open the circuit of the options or confirm client; 0 turns the breaker off' }),
  PRO_BREAKER_HALF_OPEN_AFTER_MS: PositiveInt(5000, 'how long an open circuit fails options/confirm calls at once (503, never sent) before one probe call goes to PRO'),

  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://', description: 'PostgreSQL connection string; unset starts the embedded PostgreSQL server in DATA_DIR' })),
  DATA_DIR: Type.String({ minLength: 1, default: './data', description: 'folder of the embedded PostgreSQL server' }),
  EMBEDDED_DATABASE: Type.Union([Type.Literal('on'), Type.Literal('off')], { default: 'on', description: 'on: without DATABASE_URL, start the embedded server; off: DATABASE_URL is required' }),
  DB_POOL_MAX: PositiveInt(10, 'PostgreSQL connections per process'),

  ORIGIN_COUNTRY: Type.String({ pattern: '^[A-Z]{2}$', default: 'GB', description: 'ISO country code of the shipping locations (a destination elsewhere is international: customs data and documents)' }),
  CUSTOMS_CATEGORY: Type.Union(CustomsCategories.map((c) => Type.Literal(c)), { default: 'SaleOfGoods', description: 'PRO CategoryType declared for checkout orders leaving ORIGIN_COUNTRY: one of ' + CustomsCategories.join(', ') }),
  CUSTOMS_SHIPPING_TERMS: Type.Union(ShippingTerms.map((c) => Type.Literal(c)), { default: 'DAP', description: 'Incoterm (PRO ShippingTerms) declared for checkout orders leaving ORIGIN_COUNTRY: one of ' + ShippingTerms.join(', ') }),
  CUSTOMS_REASON_FOR_EXPORT: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', default: 'Sale', description: 'PRO ReasonForExport declared for checkout orders leaving ORIGIN_COUNTRY (free text, e.g. Sale)' }),
  DEFAULT_SHIPPING_LOCATION: Type.String({ minLength: 1, default: 'EDC5_Electio', description: 'PRO shipping location reference used when basket items do not name one' }),
  DEFAULT_PARCEL: Type.String({
    pattern: '^([1-9][0-9]{0,2}(\\.[0-9]{1,2})?x[1-9][0-9]{0,2}(\\.[0-9]{1,2})?x[1-9][0-9]{0,2}(\\.[0-9]{1,2})?|size:[A-Za-z0-9_.-]{1,64})$',
    default: '30x20x15',
    description: 'parcel sent to PRO when not every item has dimensions: LxWxH in cm (e.g. 30x20x15), or size:<PRO PackageSizeReference>'
  }),
  DEFAULT_CONTACT_TITLE: Type.String({ minLength: 1, maxLength: 20, default: 'Mx', description: 'contact Title sent to PRO when an address gives none (PRO\'s contact requires one)' }),
  OPTIONS_CACHE_TTL_SECONDS: Type.Integer({ minimum: 0, maximum: 3600, default: 60, description: 'how long identical option requests are answered from memory (0 disables)' }),
  OPTIONS_CACHE_MAX_ENTRIES: PositiveInt(2000, 'option answers kept in memory per process'),
  IDEMPOTENCY_TTL_HOURS: PositiveInt(24, 'how long an Idempotency-Key is remembered'),
  RATE_LIMIT_MAX: PositiveInt(600, 'requests per client per window on /checkout/*'),
  RATE_LIMIT_WINDOW: Type.String({ minLength: 1, default: '1 minute', description: 'rate-limit window, e.g. "1 minute" or milliseconds' }),
  TRUST_PROXY: Type.String({ default: 'false', description: 'whether to trust X-Forwarded-For: true, false, or comma-separated proxy addresses/CIDRs (the client IP keys rate limits)' }),

  WORKERS: Type.Union([Type.Literal('inline'), Type.Literal('off')], { default: 'inline', description: 'inline: this process runs the fulfilment workers; off: only HTTP (run `npm run worker` elsewhere)' }),
  FULFILMENT_CONCURRENCY: PositiveInt(8, 'orders fulfilled at once per worker process'),
  FULFILMENT_MAX_ATTEMPTS: PositiveInt(20, 'attempts of an order\'s fulfilment before it needs attention'),
  FULFILMENT_RETRY_DELAY_SECONDS: PositiveInt(10, 'pause before a failed fulfilment or staff label job is tried again (fixed: it does not grow)'),
  FULFILMENT_LEASE_SECONDS: Type.Integer({ minimum: 5, maximum: 120, default: 15, description: 'how long a fulfilment pass holds its order without renewal (renewed every third of it): the time a crashed worker blocks an order, and a bound on each PRO call of the pass' }),
  FULFILMENT_JOB_TIMEOUT_SECONDS: PositiveInt(300, 'a fulfilment job still running this long is taken for crashed and run again; keep it above the longest attempt'),
  ALLOCATION_STRATEGY: Type.String({ pattern: '^(option|rules|group:[A-Za-z0-9_.-]+)$', default: 'option', description: 'option | rules | group:<serviceGroupReference>' }),
  ALLOCATION_FALLBACK: Type.String({ pattern: '^(rules|none|group:[A-Za-z0-9_.-]+)$', default: 'rules', description: 'with ALLOCATION_STRATEGY=option, once the option\'s carrier service is past its cut-off or PRO answered Allocation Failed: rules | group:<serviceGroupReference> | none (flag the order needs_attention at once)' }),
  LABEL_FORMAT: Type.Union(['pdf', 'png', 'zpl', 'zplii'].map((f) => Type.Literal(f)), { default: 'pdf', description: 'pdf | png | zpl | zplii' }),
  MANIFEST_CRON: Type.String({ minLength: 9, default: '*/15 * * * *', description: 'cron schedule of manifest runs (fires once across replicas)' }),

  STAFF_API_KEYS: Type.Optional(Type.String({ description: 'comma-separated staff keys' })),
  CORS_ORIGINS: Type.Optional(Type.String({ description: 'comma-separated allowed storefront origins' })),

  SANDBOX_FAULTS: Type.Optional(Type.String({ description: 'fault settings (JSON) for the in-process simulator' })),
  SANDBOX_SEED: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295, description: 'seed (0-4294967295) of the in-process simulator\'s fault rolls, so a fault run can be repeated; unset uses Math.random' }))
})

export type Config = Static<typeof ConfigSchema>

export class ConfigError extends Error {
  constructor (readonly variable: string, reason: string) {
    super(`Invalid configuration: ${variable} ${reason}`)
    this.name = 'ConfigError'
  }
}

function variableOf (path: string): string {
  return path.split('/').filter(Boolean)[0] ?? '(environment)'
}

function describe (schema: TSchema | undefined, value: unknown): string {
  const shown = typeof value === 'string' && value.length > 0 ? ` (got "${value.slice(0, 60)}")` : ''
  const wanted = schema?.description ? `; expected ${schema.description}` : ''
  return `is not valid${shown}${wanted}`
}

/** Reads and validates the environment. Throws ConfigError naming the first bad variable. */
export function loadConfig (env: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.keys(ConfigSchema.properties)
  const raw: Record<string, unknown> = {}
  for (const name of known) {
    const value = env[name]
    if (value !== undefined && value !== '') raw[name] = value
  }
  const converted = Value.Default(ConfigSchema, Value.Convert(ConfigSchema, raw))
  const first = Value.Errors(ConfigSchema, converted).First()
  if (first) {
    const variable = variableOf(first.path)
    const property = ConfigSchema.properties[variable as keyof typeof ConfigSchema.properties] as TSchema | undefined
    const original = sensitive(variable) ? undefined : raw[variable]
    throw new ConfigError(variable, describe(property, original) + (first.message ? ` (${first.message})` : ''))
  }
  return checkRules(converted as Config)
}

function sensitive (name: string): boolean {
  return /KEY|URL/.test(name)
}

function checkRules (config: Config): Config {
  if (config.PRO_BASE_URL && !config.PRO_API_KEY) {
    throw new ConfigError('PRO_API_KEY', 'is required when PRO_BASE_URL is set')
  }
  if (config.NODE_ENV === 'production' && !config.PRO_BASE_URL) {
    throw new ConfigError('PRO_BASE_URL', 'is required when NODE_ENV=production (the simulator never runs in production)')
  }
  if (config.EMBEDDED_DATABASE === 'off' && !config.DATABASE_URL) {
    throw new ConfigError('DATABASE_URL', 'is required when EMBEDDED_DATABASE=off')
  }
  if (config.SANDBOX_FAULTS !== undefined) {
    try {
      JSON.parse(config.SANDBOX_FAULTS)
    } catch {
      throw new ConfigError('SANDBOX_FAULTS', 'is not valid JSON')
    }
  }
  return config
}

export function listOf (value: string | undefined): string[] {
  return (value ?? '').split(',').map((part) => part.trim()).filter(Boolean)
}

/**
 * For process entries: the configuration, or exit 1 with a message naming the bad variable.
 * `check` adds rules of that entry (it throws ConfigError).
 */
export function loadConfigOrExit (check: (config: Config) => void = () => {}): Config {
  try {
    const config = loadConfig()
    check(config)
    return config
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`)
      process.exit(1)
    }
    throw err
  }
}
