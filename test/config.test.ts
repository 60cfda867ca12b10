import t from 'tap'
import { ConfigError, listOf, loadConfig } from '../src/config.js'
import { parseDefaultParcel } from '../src/services/pro-mapping/parcel.js'

t.test('defaults describe the embedded, simulated development setup', async (t) => {
  const config = loadConfig({})
  t.equal(config.PORT, 3000)
  t.equal(config.HOST, '127.0.0.1')
  t.equal(config.DATA_DIR, './data')
  t.equal(config.LOG_LEVEL, 'info')
  t.equal(config.PRO_BASE_URL, undefined)
  t.equal(config.DATABASE_URL, undefined)
})

t.test('numbers and flags are read from strings', async (t) => {
  const config = loadConfig({ PORT: '8080', LOG_PRETTY: 'true', PRO_MAX_RETRIES: '0' })
  t.equal(config.PORT, 8080)
  t.equal(config.LOG_PRETTY, true)
  t.equal(config.PRO_MAX_RETRIES, 0)
})

t.test('a bad value names its variable', async (t) => {
  for (const [name, value] of [['PORT', 'eighty'], ['PORT', '70000'], ['LOG_LEVEL', 'loud'], ['PRO_BASE_URL', 'ftp://x'], ['DATABASE_URL', 'mysql://x'], ['PRO_HEADERS_TIMEOUT_MS', '0']] as const) {
    const err = t.throws(() => loadConfig({ [name]: value }), ConfigError, `${name}=${value}`) as ConfigError
    t.equal(err.variable, name)
    t.match(err.message, name)
  }
})

t.test('secrets are not echoed in configuration errors', async (t) => {
  const err = t.throws(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db' })) as Error
  t.notMatch(err.message, /hunter2/)
})

t.test('PRO_BASE_URL needs PRO_API_KEY', async (t) => {
  t.equal((t.throws(() => loadConfig({ PRO_BASE_URL: 'https://api.electioapp.com' })) as ConfigError).variable, 'PRO_API_KEY')
  t.equal(loadConfig({ PRO_BASE_URL: 'https://api.electioapp.com', PRO_API_KEY: 'k' }).PRO_API_KEY, 'k')
})

t.test('production refuses to run on the simulator', async (t) => {
  t.equal((t.throws(() => loadConfig({ NODE_ENV: 'production' })) as ConfigError).variable, 'PRO_BASE_URL')
  t.ok(loadConfig({ NODE_ENV: 'production', PRO_BASE_URL: 'https://api.electioapp.com', PRO_API_KEY: 'k' }))
})

t.test('SANDBOX_FAULTS must be JSON', async (t) => {
  t.equal((t.throws(() => loadConfig({ SANDBOX_FAULTS: '{nope' })) as ConfigError).variable, 'SANDBOX_FAULTS')
  t.ok(loadConfig({ SANDBOX_FAULTS: '{"errorRate":0.1}' }))
})

t.test('listOf splits comma lists and drops blanks', async (t) => {
  t.same(listOf(' a, b ,,c '), ['a', 'b', 'c'])
  t.same(listOf(undefined), [])
})

t.test('PRO call deadlines, budget shares and the circuit breaker have defaults', async (t) => {
  const config = loadConfig({})
  t.equal(config.PRO_CALL_TIMEOUT_MS, 20000)
  t.equal(config.PRO_BUDGET_SHARES, 'options=40,confirm=20,background=40')
  t.equal(config.PRO_BREAKER_THRESHOLD, 5)
  t.equal(config.PRO_BREAKER_HALF_OPEN_AFTER_MS, 5000)
  t.equal(loadConfig({ PRO_BREAKER_THRESHOLD: '0' }).PRO_BREAKER_THRESHOLD, 0, '0 turns the breaker off')
})

t.test('PRO_BUDGET_SHARES names every budget with a positive share', async (t) => {
  t.equal(loadConfig({ PRO_BUDGET_SHARES: 'options=3,confirm=1,background=6' }).PRO_BUDGET_SHARES, 'options=3,confirm=1,background=6')
  for (const value of ['options=40,confirm=20', 'options=0,confirm=20,background=40', 'background=40,confirm=20,options=40', 'lots']) {
    t.equal((t.throws(() => loadConfig({ PRO_BUDGET_SHARES: value }), ConfigError, value) as ConfigError).variable, 'PRO_BUDGET_SHARES')
  }
  t.equal((t.throws(() => loadConfig({ PRO_CALL_TIMEOUT_MS: '0' })) as ConfigError).variable, 'PRO_CALL_TIMEOUT_MS')
  t.equal((t.throws(() => loadConfig({ PRO_BREAKER_HALF_OPEN_AFTER_MS: '0' })) as ConfigError).variable, 'PRO_BREAKER_HALF_OPEN_AFTER_MS')
})

t.test('DEFAULT_PARCEL is a size in cm or a PRO package size; DEFAULT_CONTACT_TITLE is not blank', async (t) => {
  t.equal(loadConfig({}).DEFAULT_PARCEL, '30x20x15')
  t.equal(loadConfig({}).DEFAULT_CONTACT_TITLE, 'Mx')
  t.same(parseDefaultParcel(loadConfig({ DEFAULT_PARCEL: '45.5x35x25' }).DEFAULT_PARCEL), { dimensionsCm: { length: 45.5, width: 35, height: 25 } })
  t.same(parseDefaultParcel(loadConfig({ DEFAULT_PARCEL: 'size:MEDIUM_PARCEL' }).DEFAULT_PARCEL), { packageSizeReference: 'MEDIUM_PARCEL' })
  for (const value of ['30x20', '30x20x', '0x20x15', 'MEDIUM_PARCEL', 'size:', '30 x 20 x 15']) {
    t.equal((t.throws(() => loadConfig({ DEFAULT_PARCEL: value }), ConfigError, value) as ConfigError).variable, 'DEFAULT_PARCEL')
  }
  t.equal((t.throws(() => loadConfig({ DEFAULT_CONTACT_TITLE: 'A very long title indeed' })) as ConfigError).variable, 'DEFAULT_CONTACT_TITLE')
})
