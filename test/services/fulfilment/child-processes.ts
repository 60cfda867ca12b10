import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { optionsOpenFor } from '../../helpers/checkout.js'
import type { Child } from '../../helpers/processes.js'

/** What the crash test asks of the service and the stand-alone simulator over HTTP. */

async function json (url: string, init: RequestInit = {}): Promise<{ status: number, body: any }> {
  const headers = { ...(init.body === undefined ? {} : { 'content-type': 'application/json' }), ...init.headers }
  const response = await fetch(url, { ...init, headers })
  const text = await response.text()
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) }
}

export interface SimulatorStats {
  counts: Record<string, number>
  duplicates: Record<string, number>
  consignments: Record<string, { state: string, orderReference: string | null, manifestCount: number }>
}

export async function simulatorStats (simulator: Child): Promise<SimulatorStats> {
  return (await json(`${simulator.url}/_sandbox/stats`)).body
}

export async function setFaults (simulator: Child, faults: Record<string, unknown>): Promise<void> {
  const { status, body } = await json(`${simulator.url}/_sandbox/faults`, { method: 'PUT', body: JSON.stringify(faults) })
  if (status >= 300) throw new Error(`faults answered ${status}: ${JSON.stringify(body)}`)
}

/** Polls the simulator until `ready` holds for its stats; gives up at the deadline. */
export async function waitForStats (simulator: Child, what: string, ready: (stats: SimulatorStats) => boolean, timeoutMs: number): Promise<SimulatorStats> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const stats = await simulatorStats(simulator)
    if (ready(stats)) return stats
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for the simulator to show ${what}`)
    await sleep(25)
  }
}

export interface PlacedOrder {
  orderId: string
  proOrderReference: string
  orderToken: string
  locations: readonly string[]
}

/** Options for a basket with one item per warehouse, then a confirm of the first one open for an hour. */
export async function placeOrder (service: Child, n: number, locations: readonly string[]): Promise<PlacedOrder> {
  const items = locations.map((location, index) => ({
    sku: `CRASH-${n}-${index}`,
    quantity: 1 + (n % 2),
    weightKg: 0.5 + index / 10,
    unitPrice: { amount: '15.00', currency: 'GBP' },
    shippingLocation: location
  }))
  const destination = { name: `Customer ${n}`, email: `crash${n}@example.com`, phone: '07700900123', addressLines: ['12 Analytical Row'], town: 'London', postcode: 'N1 9GU', countryCode: 'GB' }
  const options = await json(`${service.url}/checkout/options`, { method: 'POST', body: JSON.stringify({ items, destination }) })
  const [option] = options.status === 200 ? optionsOpenFor<{ id: string, cutOff: string }>(options.body.options) : []
  if (!option) throw new Error(`options for order ${n} answered ${options.status}, none open for an hour: ${JSON.stringify(options.body)}`)
  const confirmed = await json(`${service.url}/checkout/confirm`, {
    method: 'POST',
    headers: { 'idempotency-key': randomUUID() },
    body: JSON.stringify({ optionId: option.id, orderReference: `CRASH-${n}`, items })
  })
  if (confirmed.status !== 201) throw new Error(`confirm of order ${n} answered ${confirmed.status}: ${JSON.stringify(confirmed.body)}`)
  const { orderId, proOrderReference, orderToken } = confirmed.body
  return { orderId, proOrderReference, orderToken, locations }
}

export interface OrderView {
  status: string
  consignments: Array<{ reference: string | null, state: string }>
}

/** The order as the storefront reads it, with its token. */
export async function orderView (service: Child, order: PlacedOrder): Promise<OrderView> {
  const { status, body } = await json(`${service.url}/checkout/orders/${order.orderId}`, { headers: { authorization: `Bearer ${order.orderToken}` } })
  if (status !== 200) throw new Error(`order ${order.orderId} answered ${status}`)
  return body
}

export async function orderStatuses (service: Child, orders: readonly PlacedOrder[]): Promise<string[]> {
  return Promise.all(orders.map(async (order) => (await orderView(service, order)).status))
}

/**
 * Asks for a manifest run with a staff key. Answers false when the service has no such route, so
 * the caller relies on MANIFEST_CRON instead; rejects when the service dies meanwhile.
 */
export async function requestManifestRun (service: Child, staffKey: string): Promise<boolean> {
  const { status, body } = await json(`${service.url}/manifests`, { method: 'POST', headers: { authorization: `Bearer ${staffKey}` } })
  if (status === 404) return false
  if (status !== 200) throw new Error(`POST /manifests answered ${status}: ${JSON.stringify(body)}`)
  return true
}
