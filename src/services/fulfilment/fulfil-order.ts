import type { Address } from '../../schemas/common.js'
import { acquireLease, holderSignal, type Lease } from '../leases/lease.js'
import * as orders from '../store/orders.js'
import * as consignments from '../store/consignments.js'
import type { FulfilmentDeps, StepDeps } from './deps.js'
import { packOrder } from './pack-step.js'
import { allocateConsignments } from './allocate-step.js'
import { labelConsignments } from './label-step.js'
import { advanceOrder } from './order-progress.js'

/** Orders in these statuses have nothing left for this job (manifesting is a batch of its own). */
const DONE = new Set(['labelled', 'manifested', 'confirming'])

/** Names the lease of an order's fulfilment pass; the sweeper finds abandoned passes by it. */
export const PASS_LEASE_PREFIX = 'fulfil:'

/** `done`: the pass ran (or found nothing left); `busy`: another live pass holds the order. */
export type PassOutcome = 'done' | 'busy'

/**
 * One fulfilment pass over an order: pack → allocate → label. At most one pass works on an order at
 * a time (its lease, held in the database); every write after a PRO call proves the pass still holds
 * it, and every PRO call ends before the lease could run out. Every step first looks at what is
 * already recorded (and, after an interruption, at PRO), so a repeated pass only does what is left.
 */
export async function fulfilOrder (deps: FulfilmentDeps, orderId: string): Promise<PassOutcome> {
  const lease = await acquireLease(deps.pool, PASS_LEASE_PREFIX + orderId, { ttlMs: deps.passLeaseMs, log: deps.log })
  if (!lease) {
    deps.log.info({ orderId }, 'another fulfilment pass holds this order; leaving it to that pass')
    return 'busy'
  }
  if (lease.tookOver) deps.log.warn({ orderId }, 'resuming the fulfilment pass of a holder that stopped renewing its lease')
  try {
    await runPass(passDeps(deps, lease), orderId)
    return 'done'
  } finally {
    await lease.release().catch((err: unknown) => { deps.log.warn({ orderId, err }, 'releasing a fulfilment lease failed; it runs out by itself') })
  }
}

function passDeps (deps: FulfilmentDeps, lease: Lease): StepDeps {
  const giveUpAt = Date.now() + deps.passTimeoutMs
  return {
    ...deps,
    pro: deps.pro.within({ deadline: () => Math.min(lease.deadline(), giveUpAt), signal: holderSignal(lease, deps.stopSignal) }),
    write: (work) => lease.write(work)
  }
}

async function runPass (deps: StepDeps, orderId: string): Promise<void> {
  const order = await orders.findOrder(deps.pool, orderId)
  if (!order || DONE.has(order.status)) return

  const packed = await packOrder(deps, order)
  await advanceOrder(deps.write, orderId, 'packed')

  await allocateConsignments(deps, order, packed)
  const allocated = await consignments.listForOrder(deps.pool, orderId)
  await advanceOrder(deps.write, orderId, 'allocated')

  // Checkout consignments leave from the merchant's shipping locations, all in ORIGIN_COUNTRY.
  await labelConsignments(deps, allocated, (order.destination as Address).countryCode !== deps.originCountry)
  await advanceOrder(deps.write, orderId, 'labelled')
  deps.log.info({ orderId, consignments: allocated.map((c) => c.reference) }, 'order labelled; waiting for the next manifest run')
}
