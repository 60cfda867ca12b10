import t, { type Test } from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../helpers/app.js'
import { NEVER_CRON, placeOrder, sandboxStats, setSandboxFaults } from '../../helpers/pipeline.js'
import { fulfilOrder } from '../../../src/services/fulfilment/fulfil-order.js'

const nothingTwice = { orders: 0, consignments: 0, allocations: 0, manifests: 0 }

/** Waits until the simulator has counted `n` calls of `operation`, then clears every fault. */
async function clearFaultsAfter (simulator: FastifyInstance, operation: 'pack' | 'allocate', n: number): Promise<void> {
  for (let polls = 0; polls < 2000; polls++) {
    if ((await sandboxStats(simulator)).counts[operation] >= n) {
      await setSandboxFaults(simulator, {})
      return
    }
    await sleep(5)
  }
  throw new Error(`the simulator never saw ${n} ${operation} calls`)
}

async function orderStatus (app: FastifyInstance, orderId: string): Promise<string> {
  const { rows: [order] } = await app.db.pool.query<{ status: string }>('SELECT status FROM orders WHERE id = $1', [orderId])
  return order!.status
}

/** One order, one fault on `operation` until PRO has seen it once; the pass must end labelled by itself. */
async function onePassThrough (t: Test, operation: 'pack' | 'allocate', fault: Record<string, number>, env: Record<string, string> = {}) {
  const app = await buildApp(t, { WORKERS: 'off', MANIFEST_CRON: NEVER_CRON, ...env })
  const simulator = app.proSimulator!
  const order = await placeOrder(app, { n: 1, locations: ['EDC5_Electio'] })
  await setSandboxFaults(simulator, { operations: { [operation]: fault } })

  const pass = fulfilOrder(app.fulfilment.deps, order.orderId)
  await clearFaultsAfter(simulator, operation, 1)
  t.equal(await pass, 'done', 'the pass ended without throwing (no job retry needed)')
  t.equal(await orderStatus(app, order.orderId), 'labelled')
  const stats = await sandboxStats(simulator)
  t.same(stats.duplicates, nothingTwice)
  return stats
}

t.test('PRO failing a step once (503 to an allocation) is retried inside the pass: one pass ends labelled', async (t) => {
  const stats = await onePassThrough(t, 'allocate', { errorRate: 1 })
  t.equal(stats.counts.allocate, 2, 'the refused allocation, then the one that took')
})

t.test('a pack call that hangs past its timeout is looked up and repeated inside the pass, never made twice', async (t) => {
  const stats = await onePassThrough(t, 'pack', { hangRate: 1 }, { PRO_CALL_TIMEOUT_MS: '1000' })
  t.equal(stats.counts.pack, 2, 'the call that hung, then the one that packed')
})
