import type { Address } from '../../schemas/common.js'
import { acquireLease, holderSignal, type Lease } from '../leases/lease.js'
import * as orders from '../store/orders.js'
import * as consignments from '../store/consignments.js'
import type { FulfilmentDeps, StepDeps } from './deps.js'
import { packOrder } from './pack-step.js'
import { labelConsignments } from './label-step.js'
import { advanceOrder, markNeedsAttention } from './order-progress.js'
import { AllocationFailedError, allocateConsignments } from './allocate-step.js'
import { withStepRetries } from './step-retry.js'
import type { ProCallBound } from '../pro/client.js'

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
export async function fulfilOrder (deps: FulfilmentDeps, orderId: string, attempt = 1): Promise<PassOutcome> {
  const lease = await acquireLease(deps.pool, PASS_LEASE_PREFIX + orderId, { ttlMs: deps.passLeaseMs, log: deps.log })
  if (!lease) {
    deps.log.info({ orderId }, 'another fulfilment pass holds this order; leaving it to that pass')
    return 'busy'
  }
  if (lease.tookOver) deps.log.warn({ orderId }, 'resuming the fulfilment pass of a holder that stopped renewing its lease')
  try {
    const bound = passBound(deps, lease)
    await runPass({ ...deps, pro: deps.pro.within(bound), write: (work) => lease.write(work) }, bound, orderId, attempt)
    return 'done'
  } finally {
    await lease.release().catch((err: unknown) => { deps.log.warn({ orderId, err }, 'releasing a fulfilment lease failed; it runs out by itself') })
  }
}

/** Every PRO call of the pass ends before its lease could run out, and before the pass gives up. */
function passBound (deps: FulfilmentDeps, lease: Lease): Required<ProCallBound> {
  const giveUpAt = Date.now() + deps.passTimeoutMs
  return { deadline: () => Math.min(lease.deadline(), giveUpAt), signal: holderSignal(lease, deps.stopSignal) }
}

async function runPass (deps: StepDeps, bound: Required<ProCallBound>, orderId: string, attempt: number): Promise<void> {
  const order = await orders.findOrder(deps.pool, orderId)
  if (!order || DONE.has(order.status)) return
  const step = <T>(name: string, work: () => Promise<T>): Promise<T> => withStepRetries(name, work, { bound, log: deps.log })

  await step('pack', () => packOrder(deps, order))
  await advanceOrder(deps.write, orderId, 'packed')

  // Read on every try: a try cut short leaves consignments `Allocating`, which the next must look up.
  try {
    await step('allocate', async () => allocateConsignments(deps, order, await consignments.listForOrder(deps.pool, orderId)))
  } catch (err) {
    if (!(err instanceof AllocationFailedError)) throw err
    // Every plan the configuration allows was refused: retrying the job would only ask again.
    deps.log.error({ orderId, err }, 'PRO could not allocate the order; it needs attention')
    await deps.write((db) => markNeedsAttention(db, orderId, err.message, attempt))
    return
  }
  const allocated = await consignments.listForOrder(deps.pool, orderId)
  await advanceOrder(deps.write, orderId, 'allocated')

  // Checkout consignments leave from the merchant's shipping locations, all in ORIGIN_COUNTRY.
  const international = (order.destination as Address).countryCode !== deps.originCountry
  await step('label', () => labelConsignments(deps, allocated, international))
  await advanceOrder(deps.write, orderId, 'labelled')
  deps.log.info({ orderId, consignments: allocated.map((c) => c.reference) }, 'order labelled; waiting for the next manifest run')
}
