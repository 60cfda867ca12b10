import type pg from 'pg'
import type { Config } from '../../config.js'
import { inProcessExclusive, type Exclusive } from '../store/exclusive.js'
import type { Log } from '../log.js'
import type { ProClient } from '../pro/client.js'
import type { LabelFormat } from '../pro/schemas/documents.js'

export type AllocationStrategy =
  | { kind: 'option' }
  | { kind: 'rules' }
  | { kind: 'group', serviceGroupReference: string }

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
  allocation: AllocationStrategy
  labelFormat: LabelFormat
  /** Country of the merchant's shipping locations: a destination elsewhere needs customs documents. */
  originCountry: string
  /** Keeps manifest runs from overlapping (cron on several replicas, the staff trigger). */
  exclusive: Exclusive
}

export function fulfilmentDeps (config: Config, parts: Pick<FulfilmentDeps, 'pool' | 'pro' | 'log'>, exclusive: Exclusive = inProcessExclusive()): FulfilmentDeps {
  return {
    ...parts,
    exclusive,
    defaultShippingLocation: config.DEFAULT_SHIPPING_LOCATION,
    originCountry: config.ORIGIN_COUNTRY,
    allocation: parseAllocationStrategy(config.ALLOCATION_STRATEGY),
    labelFormat: config.LABEL_FORMAT.toUpperCase() as LabelFormat
  }
}
