import { performance } from 'node:perf_hooks'
import t from 'tap'
import { ProRejectedError, ProTimeoutError, ProUnavailableError } from '../../../src/services/pro/errors.js'
import { shipmentRequest } from '../../sandbox/helper.js'
import { rejection } from './harness.js'
import { scriptedRandom, startSimulator, type Simulated } from './simulator.js'

/* PRO's refusals and the simulator's injected faults, as the typed client sees them over HTTP. */

const UNKNOWN_CONSIGNMENT = 'EC-ZZZ-ZZZ-ZZZ'

async function newOrder (client: Simulated['client']): Promise<string> {
  const { DeliveryOptions: [option] } = await client.deliveryOptions(shipmentRequest())
  const { SelectOrderResults: [result] } = await client.selectOrder({ DeliveryOptions: [{ Reference: option.Reference }] })
  return result.OrderReference ?? ''
}

const statusesOf = (answers: Simulated['answers'], url: string) => answers.filter(answer => answer.url === url).map(answer => answer.status)

t.test("PRO's refusals arrive as ProRejectedError carrying the simulator's error body", async t => {
  const { client, answers, stats } = await startSimulator(t)
  const { consignmentReference: reference } = await client.createConsignment(shipmentRequest())

  const early = await rejection(client.label(reference, 'PDF'))
  t.type(early, ProRejectedError, 'label before allocation')
  const sent = answers.find(answer => answer.url === `/labels/${reference}/PDF`)
  t.equal(sent?.body.Code, 'InvalidConsignmentState')
  t.match(early, {
    op: 'labels',
    upstreamStatus: 400,
    outcomeUnknown: false,
    isNotFound: false,
    proCode: sent?.body.Code,
    proMessage: sent?.body.Message,
    correlationId: sent?.body.CorrelationId
  })
  t.match((early as ProRejectedError).correlationId, /^[0-9a-f-]{36}$/)

  const unknown = await rejection(client.getConsignment(UNKNOWN_CONSIGNMENT))
  t.type(unknown, ProRejectedError)
  t.match(unknown, { isNotFound: true, upstreamStatus: 404, proCode: 'ConsignmentNotFound' })

  await client.allocateWithDefaultRules([reference])
  const again = await rejection(client.allocateWithDefaultRules([reference]))
  t.type(again, ProRejectedError, 'a second allocation is refused')
  t.match(again, { upstreamStatus: 400, proCode: 'InvalidConsignmentState', details: [{ Target: reference }] })

  const unknownOption = await client.selectOrder({ DeliveryOptions: [{ Reference: 'EDO-ZZZ-ZZZ-ZZZ' }] })
  t.match(unknownOption.SelectOrderResults, [{ OrderReference: null, Status: 400 }], 'an unknown option is a failed entry of a 200 answer')

  const seen = await stats()
  t.match(seen.counts, { labels: 1, getConsignment: 1, allocate: 2, selectOrder: 1 }, 'refusals are not retried')
  t.same(seen.duplicates, { orders: 0, consignments: 0, allocations: 1, manifests: 0 }, 'the simulator saw the duplicate allocation')
  t.same(seen.orders, {}, 'no order for an unknown option')
})

t.test('a 503 on a read is retried and the read succeeds', async t => {
  const { client, answers, stats } = await startSimulator(t, {
    sandbox: { random: scriptedRandom(0), faults: { operations: { getConsignment: { errorRate: 0.5 } } } }
  })
  const { consignmentReference: reference } = await client.createConsignment(shipmentRequest())
  const consignment = await client.getConsignment(reference)
  t.equal(consignment.Reference, reference)
  t.equal(consignment.ConsignmentState, 'Unallocated')
  t.same(statusesOf(answers, `/consignments/${reference}`), [503, 200])
  t.equal((await stats()).counts.getConsignment, 2)
})

t.test('a 503 on selectOrder is not retried: the outcome is unknown', async t => {
  const { client, stats, setFaults } = await startSimulator(t)
  const { DeliveryOptions: [option] } = await client.deliveryOptions(shipmentRequest())
  await setFaults({ operations: { selectOrder: { errorRate: 1 } } })
  const error = await rejection(client.selectOrder({ DeliveryOptions: [{ Reference: option.Reference }] }))
  t.type(error, ProUnavailableError)
  t.match(error, { op: 'selectOrder', upstreamStatus: 503, outcomeUnknown: true, code: 'UPSTREAM_UNAVAILABLE' })
  const seen = await stats()
  t.equal(seen.counts.selectOrder, 1, 'sent once')
  t.same(seen.orders, {})
})

t.test('a hanging call ends in ProTimeoutError after the headers timeout', async t => {
  const { client, stats, setFaults } = await startSimulator(t, { client: { headersTimeoutMs: 300, maxRetries: 1 } })
  const { consignmentReference: reference } = await client.createConsignment(shipmentRequest())
  await setFaults({ operations: { getConsignment: { hangRate: 1 } } })
  const started = performance.now()
  const error = await rejection(client.getConsignment(reference))
  const elapsedMs = performance.now() - started
  t.type(error, ProTimeoutError)
  t.match(error, { op: 'getConsignment', phase: 'headers', outcomeUnknown: true })
  t.ok(elapsedMs < 6000, `two attempts with a 300 ms headers timeout end in bounded time, though PRO never answers (${Math.round(elapsedMs)} ms)`)
  t.equal((await stats()).counts.getConsignment, 2, 'a read is tried again once (maxRetries 1)')
})

t.test('a lost pack answer: outcome unknown, and the consignment is found by its pack key', async t => {
  const { client, stats, setFaults } = await startSimulator(t)
  const order = await newOrder(client)
  await setFaults({ operations: { pack: { lostResponseRate: 1 } } })
  const error = await rejection(client.packOrder(order, {
    OrderReference: order,
    OrderReferenceProvidedByCustomer: 'WEB-2001-1',
    Packages: [{ Weight: { Value: 1, Unit: 'Kg' }, Dimensions: { Unit: 'Cm', Width: 20, Length: 30, Height: 10 }, Description: 'Socks', Value: { Amount: 5.99, Currency: { IsoCode: 'GBP' } }, Items: [{ Sku: 'SKU-1', Quantity: 1 }] }]
  }))
  t.type(error, ProUnavailableError)
  t.match(error, { op: 'pack', upstreamStatus: 500, outcomeUnknown: true })
  await setFaults({})

  const found = await client.findConsignmentReferences({ ConsignmentReferenceProvidedByCustomer: 'WEB-2001-1' })
  t.equal(found.length, 1, 'PRO did pack it')
  const consignment = await client.getConsignment(found[0])
  t.equal(consignment.ConsignmentState, 'Unallocated')
  const seen = await stats()
  t.equal(seen.counts.pack, 1, 'a write is not repeated after a 5xx')
  t.same(seen.orders[order].consignmentReferences, found)
  t.equal(seen.duplicates.consignments, 0)
})

t.test('a 429 with Retry-After is waited out (on the fake clock) and retried', async t => {
  const { client, answers, clientClock, stats } = await startSimulator(t, {
    sandbox: {
      random: scriptedRandom(0, 0.999, 0),
      faults: { operations: { getConsignment: { rateLimitRate: 0.5, retryAfterSeconds: 2 }, selectOrder: { rateLimitRate: 0.5, retryAfterSeconds: 1 } } }
    }
  })
  const { consignmentReference: reference } = await client.createConsignment(shipmentRequest())
  t.equal((await client.getConsignment(reference)).Reference, reference)
  t.same(statusesOf(answers, `/consignments/${reference}`), [429, 200])
  t.ok(clientClock.sleeps.includes(2000), 'waited the Retry-After')

  const order = await newOrder(client)
  t.match(order, /^EO-/, 'a rate-limited write is sent again: PRO did not process it')
  const seen = await stats()
  t.match(seen.counts, { getConsignment: 2, selectOrder: 2 })
  t.same(Object.keys(seen.orders), [order], 'exactly one order')
  t.equal(seen.duplicates.orders, 0)
})

t.test('a Retry-After beyond retryAfterMaxMs is handed to the caller instead', async t => {
  const { client, stats } = await startSimulator(t, {
    sandbox: { faults: { operations: { getConsignment: { rateLimitRate: 1, retryAfterSeconds: 60 } } } }
  })
  const error = await rejection(client.getConsignment(UNKNOWN_CONSIGNMENT))
  t.type(error, ProUnavailableError)
  t.match(error, { upstreamStatus: 429, retryAfterSeconds: 60, outcomeUnknown: false })
  t.equal((await stats()).counts.getConsignment, 1)
})

t.test('a wrong API key: the gateway 401 becomes ProRejectedError without PRO fields', async t => {
  const { client, answers, stats } = await startSimulator(t, { client: { apiKey: 'wrong-subscription-key' } })
  const error = await rejection(client.getConsignment(UNKNOWN_CONSIGNMENT))
  t.type(error, ProRejectedError)
  t.match(error, { code: 'UPSTREAM_REJECTED', status: 502, upstreamStatus: 401, isNotFound: false, outcomeUnknown: false, proCode: undefined, correlationId: undefined })
  t.equal(answers.length, 1, 'not retried')
  t.notMatch(JSON.stringify(answers[0].body), /wrong-subscription-key/, 'the key is not echoed')
  t.notMatch(`${(error as Error).message} ${(error as ProRejectedError).detail}`, /wrong-subscription-key/)
  t.equal((await stats()).counts.getConsignment, 0, 'refused before PRO')
})
