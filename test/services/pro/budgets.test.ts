import t from 'tap'
import { MockAgent } from 'undici'
import { loadConfig } from '../../../src/config.js'
import { budgetLimits, createProClients } from '../../../src/services/pro/from-config.js'
import { ProCircuitOpenError, ProTimeoutError } from '../../../src/services/pro/errors.js'
import type { Clock } from '../../../src/services/pro/clock.js'
import { API_KEY, BASE_URL, captureLog, fakeClock, json, manualClock, rejection, settle, watch } from './harness.js'

/* The three budgets (options, confirm, background): each its own queue, rate share and breaker. */

const shipment = { Packages: [{}], Addresses: [{ AddressType: 'Origin' }] }

function clientsFor<C extends Clock> (t: { teardown (fn: () => unknown): void }, env: Record<string, string>, clock: C) {
  const config = loadConfig(env)
  const agent = new MockAgent()
  agent.disableNetConnect()
  const log = captureLog()
  const clients = createProClients(config, { baseUrl: BASE_URL, apiKey: API_KEY }, { ...log, child: () => log }, { dispatcher: agent, clock })
  t.teardown(async () => {
    await clients.close()
    await agent.close()
  })
  return { config, clients, pro: agent.get(BASE_URL), clock, log }
}

t.test('the account caps are shared out, never exceeded', async (t) => {
  const limits = budgetLimits(loadConfig({ PRO_REQUESTS_PER_SECOND: '50', PRO_MAX_CONCURRENT: '32', PRO_MAX_CONNECTIONS: '16' }))
  t.same(limits.options, { requestsPerSecond: 20, maxConcurrent: 12, maxConnections: 6 })
  t.same(limits.confirm, { requestsPerSecond: 10, maxConcurrent: 8, maxConnections: 4 }, 'what rounding leaves goes to confirm')
  t.same(limits.background, { requestsPerSecond: 20, maxConcurrent: 12, maxConnections: 6 })

  const custom = budgetLimits(loadConfig({ PRO_REQUESTS_PER_SECOND: '7', PRO_MAX_CONCURRENT: '10', PRO_BUDGET_SHARES: 'options=1,confirm=1,background=5' }))
  const all = Object.values(custom)
  t.equal(all.reduce((sum, limit) => sum + limit.requestsPerSecond, 0), 7)
  t.equal(all.reduce((sum, limit) => sum + limit.maxConcurrent, 0), 10)
  t.equal(custom.background.requestsPerSecond, 5)

  const tiny = budgetLimits(loadConfig({ PRO_MAX_CONCURRENT: '3', PRO_MAX_CONNECTIONS: '1' }))
  t.same(Object.values(tiny).map((limit) => limit.maxConcurrent), [1, 1, 1], 'every budget keeps one slot')
  t.same(Object.values(tiny).map((limit) => limit.maxConnections), [1, 1, 1])
})

t.test('with 1 request a second and 30 options calls queued, confirm and background still answer; options callers time out in the queue', async (t) => {
  const { config, clients, pro, clock } = clientsFor(t, { PRO_REQUESTS_PER_SECOND: '1', PRO_INTERACTIVE_TIMEOUT_MS: '4000' }, manualClock())
  const sent: string[] = []
  const answer = (text: string) => (options: { path: string }) => { sent.push(options.path); return { statusCode: 200, data: text } }
  pro.intercept({ path: '/deliveryoptions', method: 'POST' }).reply(answer(json({ DeliveryOptions: [] }))).persist()
  pro.intercept({ path: '/deliveryoptions/selectorder', method: 'POST' }).reply(answer(json({ SelectOrderResults: [] }))).persist()
  pro.intercept({ path: '/tracking/EC-1', method: 'GET' })
    .reply(answer(json({ ConsignmentReferenceForAllLegsAssignedByMpd: 'EC-1', TrackedPackages: [] }))).persist()

  const start = clock.now()
  await clients.options.deliveryOptions(shipment)
  const queued = Array.from({ length: 30 }, () => watch(clients.options.deliveryOptions(shipment)))
  await settle()
  t.equal(sent.length, 1, 'the options budget has used its token')

  t.same(await clients.confirm.selectOrder({ DeliveryOptions: [{ Reference: 'EDO-1' }] }), { SelectOrderResults: [] })
  await clients.background.tracking('EC-1')
  t.equal(clock.now(), start, 'answered without waiting for the options queue')

  const behind = watch(clients.options.deliveryOptions(shipment))
  await clock.advance(config.PRO_INTERACTIVE_TIMEOUT_MS - 1)
  t.equal(behind.settled, false)
  await clock.advance(1)
  t.type(behind.error, ProTimeoutError, 'rejected at its deadline')
  t.match(behind.error, { phase: 'queue', outcomeUnknown: false, code: 'UPSTREAM_UNAVAILABLE' })
  t.ok(queued.every((call) => call.settled), 'every queued options call is settled by its deadline')
  const timedOut = queued.filter((call) => call.error instanceof ProTimeoutError).length
  t.ok(timedOut >= 28, `${timedOut} of 30 queued options calls timed out in the queue; the rest went at the options rate`)
})

t.test('the shopper-facing budgets have a breaker each; the background budget has none', async (t) => {
  const { clients, pro } = clientsFor(t, { PRO_BREAKER_THRESHOLD: '1', PRO_INTERACTIVE_RETRIES: '0', PRO_MAX_RETRIES: '0' }, fakeClock())
  let requests = 0
  pro.intercept({ path: '/tracking/EC-1', method: 'GET' }).reply(() => { requests++; return { statusCode: 500, data: '' } }).persist()
  await rejection(clients.options.tracking('EC-1'))
  t.type(await rejection(clients.options.tracking('EC-1')), ProCircuitOpenError)
  t.notOk(await rejection(clients.confirm.tracking('EC-1')) instanceof ProCircuitOpenError, 'confirm has its own breaker')
  t.type(await rejection(clients.confirm.tracking('EC-1')), ProCircuitOpenError)
  for (let i = 0; i < 3; i++) t.notOk(await rejection(clients.background.tracking('EC-1')) instanceof ProCircuitOpenError)
  t.equal(requests, 5)
})

t.test('a breaker threshold of 0 turns the breaker off', async (t) => {
  const { clients, pro } = clientsFor(t, { PRO_BREAKER_THRESHOLD: '0', PRO_INTERACTIVE_RETRIES: '0' }, fakeClock())
  pro.intercept({ path: '/tracking/EC-1', method: 'GET' }).reply(500, '').persist()
  for (let i = 0; i < 6; i++) t.notOk(await rejection(clients.options.tracking('EC-1')) instanceof ProCircuitOpenError)
})
