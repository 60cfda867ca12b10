import { createHash } from 'node:crypto'
import { AppError } from '../../errors.js'
import type { CheckoutOption } from '../../schemas/checkout-options.js'
import type { OrderView } from '../../schemas/checkout-orders.js'
import * as orders from '../store/orders.js'
import { listForOrder } from '../store/consignments.js'
import type { Queryable } from '../store/transaction.js'
import { orderTokenMatches } from './order-token.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Statuses after which an order's status never changes again. */
export const FINAL_STATUSES = new Set(['manifested'])

export interface ReadOrderResult {
  view: OrderView
  etag: string
}

/** `Authorization: Bearer <token>` → the token, or undefined for anything else. */
export function bearerToken (authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')
  return match?.[1]
}

/**
 * The order as its owner sees it. An unknown order, a wrong, malformed or missing token all answer
 * the same NOT_FOUND, so probing reveals nothing.
 */
export async function authorisedOrder (db: Queryable, orderId: string, token: string | undefined): Promise<orders.OrderRow> {
  const order = UUID.test(orderId) ? await orders.findOrder(db, orderId) : undefined
  const matches = order !== undefined && order.status !== 'confirming' && orderTokenMatches(token, order.tokenHash)
  if (!order || !matches) throw new AppError('NOT_FOUND', { detail: 'No such order' })
  return order
}

export async function readOrder (db: Queryable, orderId: string, token: string | undefined): Promise<ReadOrderResult> {
  const order = await authorisedOrder(db, orderId, token)
  const [events, consignments] = await Promise.all([orders.listEvents(db, orderId), listForOrder(db, orderId)])
  const view: OrderView = {
    orderId: order.id,
    orderReference: order.merchantReference,
    proOrderReference: order.proOrderReference,
    status: order.status,
    statusReason: order.statusReason,
    option: order.optionSnapshot as CheckoutOption,
    createdAt: order.createdAt.toISOString(),
    updatedAt: latest([order.updatedAt, ...consignments.map((c) => c.updatedAt)]).toISOString(),
    timeline: events.map((event) => ({
      status: event.status,
      at: event.createdAt.toISOString(),
      ...(typeof event.detail?.reason === 'string' && { detail: event.detail.reason })
    })),
    consignments: consignments.map((c) => ({
      reference: c.reference,
      state: c.state,
      shippingLocation: c.shippingLocation,
      carrier: c.carrier,
      service: c.service,
      trackingReferences: c.trackingNumbers,
      trackingUrl: typeof c.details.trackingUrl === 'string' ? c.details.trackingUrl : null
    }))
  }
  const etag = `"${createHash('sha256').update(JSON.stringify(view)).digest('base64url').slice(0, 27)}"`
  return { view, etag }
}

function latest (dates: Date[]): Date {
  return dates.reduce((a, b) => (b.getTime() > a.getTime() ? b : a))
}

/** True when an If-None-Match header names the current ETag (or is `*`). */
export function etagMatches (ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, '')).some((tag) => tag === etag || tag === '*')
}
