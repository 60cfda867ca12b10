import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import Fastify, { type FastifyInstance } from 'fastify'
import type pg from 'pg'
import app from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { serverOptions } from '../../src/server-options.js'
import { optionsOpenFor } from './checkout.js'
import type { Teardown } from './database.js'

/** The simulator's warehouses. */
export const LOCATIONS = ['EDC5_Electio', 'WH_BRISTOL', 'Sorted1'] as const

/**
 * A schedule that stays out of the way (midnight on 1 January only; cron has no true "never"), so
 * tests drive manifest runs themselves.
 */
export const NEVER_CRON = '0 0 1 1 *'

export interface PlaceOrderInput {
  /** Tells baskets apart (unique SKUs, so every basket gets options of its own). */
  n: number
  /** Warehouses holding the basket's items: one item per warehouse, two for the first. */
  locations: readonly string[]
  countryCode?: string
  /** The merchant's order number sent at confirm; `WEB-<n>` unless given. */
  orderReference?: string
}

export interface PlacedOrder {
  orderId: string
  proOrderReference: string
  orderToken: string
  locations: readonly string[]
  countryCode: string
}

const destinations: Record<string, { addressLines: string[], town: string, postcode: string }> = {
  GB: { addressLines: ['12 Analytical Row'], town: 'London', postcode: 'N1 9GU' },
  FR: { addressLines: ['8 Rue de Rivoli'], town: 'Paris', postcode: '75001' }
}

/** The basket of order `n`: items in each given warehouse, customs fields filled in. */
export function basketOf ({ n, locations, countryCode = 'GB' }: PlaceOrderInput): Record<string, unknown> {
  const items = locations.flatMap((location, index) => {
    const item = (suffix: string, quantity: number, weightKg: number) => ({
      sku: `SKU-${n}-${index}${suffix}`,
      description: `Item ${n}-${index}${suffix}`,
      quantity,
      weightKg,
      unitPrice: { amount: '12.50', currency: 'GBP' },
      countryOfOrigin: 'GB',
      hsCode: '691200',
      shippingLocation: location
    })
    return index === 0 ? [item('A', 1 + (n % 3), 0.4), item('B', 1, 0.25)] : [item('A', 1, 0.6 + index / 10)]
  })
  const address = destinations[countryCode]
  if (!address) throw new Error(`no test address for ${countryCode}`)
  return {
    items,
    destination: { name: `Customer ${n}`, email: `customer${n}@example.com`, phone: '07700900123', ...address, countryCode }
  }
}

/** Asks for options for the order's basket and confirms the first one open for an hour; throws unless confirmed. */
export async function placeOrder (target: FastifyInstance, input: PlaceOrderInput): Promise<PlacedOrder> {
  const options = await target.inject({ method: 'POST', url: '/checkout/options', payload: basketOf(input) })
  if (options.statusCode !== 200) throw new Error(`options answered ${options.statusCode}: ${options.body}`)
  const [option] = optionsOpenFor(options.json().options as Array<{ id: string, cutOff: string }>)
  if (!option) throw new Error(`no option open for an hour for order ${input.n}: ${options.body}`)
  const confirmed = await target.inject({
    method: 'POST',
    url: '/checkout/confirm',
    headers: { 'idempotency-key': randomUUID() },
    payload: { optionId: option.id, orderReference: input.orderReference ?? `WEB-${input.n}` }
  })
  if (confirmed.statusCode !== 201) throw new Error(`confirm answered ${confirmed.statusCode}: ${confirmed.body}`)
  const body = confirmed.json()
  return { orderId: body.orderId, proOrderReference: body.proOrderReference, orderToken: body.orderToken, locations: input.locations, countryCode: input.countryCode ?? 'GB' }
}

/** Places orders a few at a time (as storefront traffic would), in `n` order. */
export async function placeOrders (targets: readonly FastifyInstance[], inputs: readonly PlaceOrderInput[], parallel = 5): Promise<PlacedOrder[]> {
  const placed: PlacedOrder[] = []
  for (let start = 0; start < inputs.length; start += parallel) {
    const slice = inputs.slice(start, start + parallel)
    placed.push(...await Promise.all(slice.map((input, i) => placeOrder(targets[(start + i) % targets.length]!, input))))
  }
  return placed
}

export async function orderStatuses (pool: pg.Pool, orderIds: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await pool.query('SELECT id, status FROM orders WHERE id = ANY($1::uuid[])', [orderIds])
  return new Map(rows.map((row) => [row.id as string, row.status as string]))
}

function tally (statuses: Map<string, string>): string {
  const counts = new Map<string, number>()
  for (const status of statuses.values()) counts.set(status, (counts.get(status) ?? 0) + 1)
  return [...counts].map(([status, count]) => `${status}: ${count}`).join(', ')
}

export interface WaitOptions {
  timeoutMs?: number
  /** Run before each poll (e.g. to bring job retries forward). */
  eachPoll?: () => Promise<unknown>
}

/**
 * Polls the database until every order has `status`. Gives up (throws, with the tally) at the
 * deadline, or at once when an order lands in `needs_attention` while another status is awaited.
 */
export async function waitForStatus (pool: pg.Pool, orderIds: readonly string[], status: string, options: WaitOptions = {}): Promise<void> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000)
  for (;;) {
    await options.eachPoll?.()
    const statuses = await orderStatuses(pool, orderIds)
    if (orderIds.every((id) => statuses.get(id) === status)) return
    const stuck = status !== 'needs_attention' && [...statuses.values()].includes('needs_attention')
    if (stuck || Date.now() > deadline) {
      throw new Error(`waiting for ${orderIds.length} orders to be ${status}: ${tally(statuses)}${stuck ? ' (one needs attention)' : ''}`)
    }
    await sleep(200)
  }
}

/**
 * Makes fulfilment jobs waiting out pg-boss's retry backoff (2–4 s, then 4–8 s, 8–16 s, …) due now:
 * what a retry does is under test, not how long pg-boss waits before it.
 */
export async function hurryRetries (pool: pg.Pool): Promise<void> {
  await pool.query("UPDATE pgboss.job SET start_after = now() WHERE name = 'fulfil-order' AND state = 'retry' AND start_after > now()")
}

/** The (shipping location, carrier) groups as this service recorded them (compare with groupsInPro). */
export async function manifestGroups (pool: pg.Pool, orderIds: readonly string[]): Promise<Set<string>> {
  const { rows } = await pool.query(
    'SELECT DISTINCT shipping_location, carrier FROM consignments WHERE order_id = ANY($1::uuid[])', [orderIds])
  return new Set(rows.map((row) => `${row.shipping_location}|${row.carrier}`))
}

export interface SandboxStats {
  counts: Record<string, number>
  duplicates: Record<string, number>
  consignments: Record<string, { state: string, orderReference: string | null, shippingLocation: string | null, carrier: string | null, manifestCount: number, customerReference: string }>
}

/** The (shipping location, carrier) groups of the given PRO orders' consignments, as PRO has them. */
export function groupsInPro (stats: SandboxStats, proOrderReferences: readonly string[]): Set<string> {
  const orders = new Set(proOrderReferences)
  return new Set(Object.values(stats.consignments)
    .filter((c) => c.orderReference !== null && orders.has(c.orderReference))
    .map((c) => `${c.shippingLocation}|${c.carrier}`))
}

export async function sandboxStats (simulator: FastifyInstance): Promise<SandboxStats> {
  const response = await simulator.inject({ method: 'GET', url: '/_sandbox/stats' })
  return response.json()
}

export async function setSandboxFaults (simulator: FastifyInstance, faults: Record<string, unknown>): Promise<void> {
  const response = await simulator.inject({ method: 'PUT', url: '/_sandbox/faults', payload: faults })
  if (response.statusCode >= 300) throw new Error(`faults answered ${response.statusCode}: ${response.body}`)
}

/** The real service configured only by `env` (no database or simulator chosen for it). */
export async function buildAppWithEnv (t: Teardown, env: Record<string, string>): Promise<FastifyInstance> {
  const config = loadConfig({ LOG_LEVEL: 'silent', NODE_ENV: 'test', ...env })
  const fastify = Fastify(serverOptions(config, false))
  await fastify.register(app, { config })
  await fastify.ready()
  t.teardown(() => fastify.close())
  return fastify
}
