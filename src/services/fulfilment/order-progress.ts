import * as orders from '../store/orders.js'
import type { Queryable } from '../store/transaction.js'
import type { Write } from './deps.js'

/** The happy path of an order, in order. `needs_attention` ranks below all, so progress lifts it. */
export const ORDER_FLOW = ['accepted', 'packed', 'allocated', 'labelled', 'manifested'] as const
export type FlowStatus = typeof ORDER_FLOW[number]

function rank (status: string): number {
  return ORDER_FLOW.indexOf(status as FlowStatus)
}

/** Moves the order forward to `status` (never back), with its timeline entry, in one transaction. */
export async function advanceOrder (write: Write, orderId: string, status: FlowStatus): Promise<boolean> {
  return write(async (client) => {
    const order = await orders.findOrderForUpdate(client, orderId)
    if (!order || rank(order.status) >= rank(status)) return false
    await orders.setStatus(client, orderId, status, null)
    return true
  })
}

/** False when the order had moved past fulfilment meanwhile (statuses never move back). */
export async function markNeedsAttention (db: Queryable, orderId: string, reason: string, attempts: number): Promise<boolean> {
  return orders.setAttention(db, orderId, reason, attempts)
}
