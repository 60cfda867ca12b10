import type pg from 'pg'
import type { Config } from '../../config.js'
import { inTransaction, type Queryable } from '../store/transaction.js'
import type { Log } from '../log.js'
import type { ProClient } from '../pro/client.js'
import type { LabelFormat } from '../pro/schemas/documents.js'
import { parseDefaultParcel, type DefaultParcel } from '../pro-mapping/parcel.js'

export type AllocationStrategy =
  | { kind: 'option' }
  | { kind: 'rules' }
  | { kind: 'group', serviceGroupReference: string }

/** What a pass allocates with when the option's carrier service cannot be used; null: flag the order instead. */
export type AllocationFallback = Exclude<AllocationStrategy, { kind: 'option' }> | null

export function parseAllocationFallback (value: string): AllocationFallback {
  if (value === 'none') return null
  const strategy = parseAllocationStrategy(value)
  if (strategy.kind === 'option') throw new RangeError('the allocation fallback cannot be the option itself')
  return strategy
}

export function parseAllocationStrategy (value: string): AllocationStrategy {
  if (value === 'option' || value === 'rules') return { kind: value }
  if (value.startsWith('group:')) return { kind: 'group', serviceGroupReference: value.slice('group:'.length) }
  throw new RangeError(`unknown allocation strategy "${value}"`)
}

/** What every fulfilment step needs; built once per worker process. */
export interface FulfilmentDeps {
  pool: pg.Pool
  pro: ProClient
  log: Log
  defaultShippingLocation: string
  /** Packed when not every item of a consignment has dimensions (DEFAULT_PARCEL). */
  defaultParcel: DefaultParcel
  allocation: AllocationStrategy
  /** ALLOCATION_FALLBACK: used once the chosen option's service is past its cut-off or PRO failed its allocation. */
  allocationFallback: AllocationFallback
  labelFormat: LabelFormat
  /** Country of the merchant's shipping locations: a destination elsewhere needs customs documents. */
  originCountry: string
  /** How long a fulfilment pass's hold on its order outlives a crashed holder (renewed while it works). */
  passLeaseMs: number
  /** A pass gives up (to be retried) after this long, well before its job would be taken for crashed. */
  passTimeoutMs: number
  /** Aborted when the process stops and its grace ran out: passes end at their next PRO call. */
  stopSignal?: AbortSignal
}

/** Runs one write of a step: in a fenced transaction of the pass's lease, or a plain one. */
export type Write = <T>(work: (db: Queryable) => Promise<T>) => Promise<T>

/** What a step needs: the process's dependencies plus where it may write. */
export interface StepDeps extends FulfilmentDeps {
  write: Write
}

/** For work whose writes are idempotent and need no holder (a staff consignment's label). */
export function unfencedStep (deps: FulfilmentDeps): StepDeps {
  return { ...deps, write: (work) => inTransaction(deps.pool, work) }
}

export function fulfilmentDeps (config: Config, parts: Pick<FulfilmentDeps, 'pool' | 'pro' | 'log'>): FulfilmentDeps {
  return {
    ...parts,
    passLeaseMs: config.FULFILMENT_LEASE_SECONDS * 1000,
    passTimeoutMs: Math.floor(config.FULFILMENT_JOB_TIMEOUT_SECONDS * 1000 * 0.8),
    defaultShippingLocation: config.DEFAULT_SHIPPING_LOCATION,
    defaultParcel: parseDefaultParcel(config.DEFAULT_PARCEL),
    originCountry: config.ORIGIN_COUNTRY,
    allocation: parseAllocationStrategy(config.ALLOCATION_STRATEGY),
    allocationFallback: parseAllocationFallback(config.ALLOCATION_FALLBACK),
    labelFormat: config.LABEL_FORMAT.toUpperCase() as LabelFormat
  }
}
