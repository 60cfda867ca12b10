// The settings of the chaos run (bench/chaos.mjs, whose header describes each) and its fixed figures.
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const DIST = join(ROOT, 'dist')

/** CHAOS_FOO_BAR from --foo-bar=value / --foo-bar value, else the environment, else `fallback`. */
function setting (name, fallback) {
  const flag = `--${name.replace(/^CHAOS_/, '').toLowerCase().replaceAll('_', '-')}`
  const args = process.argv.slice(2)
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith(`${flag}=`)) return args[i].slice(flag.length + 1)
    if (args[i] === flag && i + 1 < args.length) return args[i + 1]
  }
  const value = process.env[name]
  return value === undefined || value === '' ? fallback : value
}
const number = (name, fallback) => {
  const value = Number(setting(name, fallback))
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0, got "${setting(name, fallback)}"`)
  return value
}

export const ORDERS = number('CHAOS_ORDERS', 1000)
export const CLIENTS = Math.max(1, number('CHAOS_CLIENTS', 16))
export const KILLS = number('CHAOS_KILLS', 3)
export const MODE = setting('CHAOS_MODE', 'single')
export const DATABASE_SERVER = setting('CHAOS_DATABASE_URL', undefined)
export const SEED = number('CHAOS_SEED', randomBytes(4).readUInt32BE() % 1_000_000)
export const FAULTS = {
  latencyMs: number('CHAOS_LATENCY_MS', 20),
  jitterMs: number('CHAOS_JITTER_MS', 10),
  errorRate: number('CHAOS_ERROR_RATE', 0.10),
  rateLimitRate: number('CHAOS_RATE_LIMIT_RATE', 0.03),
  hangRate: number('CHAOS_HANG_RATE', 0.05),
  lostResponseRate: number('CHAOS_LOST_RESPONSE_RATE', 0.02),
  retryAfterSeconds: 1
}
export const BURST = { rate: number('CHAOS_BURST_RATE', 0.7), ms: number('CHAOS_BURST_MS', 1500), everyMs: number('CHAOS_BURST_EVERY_MS', 20_000) }
export const IDENTICAL_RATE = number('CHAOS_IDENTICAL_RATE', 0.10)
const CALL_TIMEOUT_MS = String(number('CHAOS_CALL_TIMEOUT_MS', 5000))
export const GIVE_UP_MS = number('CHAOS_GIVE_UP_MS', 120_000)
export const WAIT_LIMIT_S = number('CHAOS_WAIT_LIMIT_S', 60)
export const KEEP = ['1', 'true', 'yes'].includes(String(setting('CHAOS_KEEP', '')).toLowerCase())
export const SERVICE_SETTINGS = {
  FULFILMENT_CONCURRENCY: process.env.FULFILMENT_CONCURRENCY ?? '8',
  PRO_REQUESTS_PER_SECOND: process.env.PRO_REQUESTS_PER_SECOND ?? '1000',
  PRO_CALL_TIMEOUT_MS: CALL_TIMEOUT_MS
}
if (!['single', 'two'].includes(MODE)) throw new Error(`CHAOS_MODE must be single or two, got "${MODE}"`)

export const STAFF_KEY = `chaos-${randomBytes(8).toString('hex')}`
export const LOCATIONS = ['EDC5_Electio', 'WH_BRISTOL', 'Sorted1']
/** Midnight on 1 January only: the run triggers its manifest runs itself. */
export const NEVER_CRON = '0 0 1 1 *'
export const START_TIMEOUT_MS = 90_000
export const REQUEST_TIMEOUT_MS = 30_000
/** An option is picked only if its cut-off is at least this far away. */
export const OPEN_FOR_MS = 30 * 60_000
export const MAX_REQUOTES = 5
export const LABEL_DEADLINE_MS = number('CHAOS_LABEL_DEADLINE_MS', 10 * 60_000)
export const MANIFEST_DEADLINE_MS = number('CHAOS_MANIFEST_DEADLINE_MS', Math.max(5 * 60_000, ORDERS * 600))
export const POLL_MS = 250
export const FLOW = ['confirming', 'accepted', 'packed', 'allocated', 'labelled', 'manifested']
export const rank = (status) => FLOW.indexOf(status)
export const DONE_FULFILLING = new Set(['labelled', 'manifested', 'needs_attention', 'failed'])

export const ADDRESSES = [
  ['1 Analytical Way', 'London', 'N1 9GU'], ['221B Baker Street', 'London', 'NW1 6XE'], ['10 Broad Street', 'Bristol', 'BS1 2HG'],
  ['5 Deansgate', 'Manchester', 'M3 2BY'], ['14 Princes Street', 'Edinburgh', 'EH2 2AN'], ['3 Queen Street', 'Cardiff', 'CF10 2BU'],
  ['27 Bold Street', 'Liverpool', 'L1 4DN'], ['8 New Street', 'Birmingham', 'B2 4RH'], ['42 Grey Street', 'Newcastle upon Tyne', 'NE1 6AE'],
  ['9 Castle Street', 'Belfast', 'BT1 1GH'], ['12 High Street', 'Oxford', 'OX1 4AH'], ['6 Briggate', 'Leeds', 'LS1 6HD'],
  ['18 Buchanan Street', 'Glasgow', 'G1 3LB'], ['2 Market Place', 'Norwich', 'NR2 1NE']
]
