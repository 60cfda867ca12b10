import type { Address } from '../../schemas/common.js'
import * as orders from '../store/orders.js'
import * as consignments from '../store/consignments.js'
import type { FulfilmentDeps } from './deps.js'
import { packOrder } from './pack-step.js'
import { allocateConsignments } from './allocate-step.js'
import { labelConsignments } from './label-step.js'
import { advanceOrder } from './order-progress.js'

/** Orders in these statuses have nothing left for this job (manifesting is a batch of its own). */
const DONE = new Set(['labelled', 'manifested', 'confirming'])

/**
 * One fulfilment pass over an order: pack → allocate → label. Every step first looks at what is
 * already recorded (and, after an interruption, at PRO), so a repeated pass only does what is left.
 */
export async function fulfilOrder (deps: FulfilmentDeps, orderId: string): Promise<void> {
  const order = await orders.findOrder(deps.pool, orderId)
  if (!order || DONE.has(order.status)) return

  const packed = await packOrder(deps, order)
  await advanceOrder(deps.pool, orderId, 'packed')

  await allocateConsignments(deps, order, packed)
  const allocated = await consignments.listForOrder(deps.pool, orderId)
  await advanceOrder(deps.pool, orderId, 'allocated')

  // Checkout consignments leave from the merchant's shipping locations, all in ORIGIN_COUNTRY.
  await labelConsignments(deps, allocated, (order.destination as Address).countryCode !== deps.originCountry)
  await advanceOrder(deps.pool, orderId, 'labelled')
  deps.log.info({ orderId, consignments: allocated.map((c) => c.reference) }, 'order labelled; waiting for the next manifest run')
}
