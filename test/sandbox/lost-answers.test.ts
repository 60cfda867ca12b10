import t from 'tap'
import type { FastifyInstance } from 'fastify'
import { request } from 'undici'
import type { SandboxOptions } from '../../src/sandbox/app.js'
import type { FaultSettings } from '../../src/sandbox/faults.js'
import { OPERATIONS } from '../../src/sandbox/operations.js'
import { PRO_HEADERS, shipmentRequest, startSandbox } from './helper.js'

/** The simulator over real HTTP: a lost answer is about connections, which `inject` has none of. */

interface Teardown { teardown: (fn: () => unknown) => void }

async function listening (t: Teardown, options: SandboxOptions = {}): Promise<{ app: FastifyInstance, base: string }> {
  const { app } = await startSandbox(t, options)
  return { app, base: await app.listen({ port: 0, host: '127.0.0.1' }) }
}

async function call (base: string, method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown, signal?: AbortSignal): Promise<{ status: number, body: any }> {
  const response = await request(`${base}${path}`, {
    method,
    headers: PRO_HEADERS,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    ...(signal === undefined ? {} : { signal })
  })
  const text = await response.body.text()
  return { status: response.statusCode, body: text === '' ? undefined : JSON.parse(text) }
}

async function stats (base: string): Promise<any> {
  return (await call(base, 'GET', '/_sandbox/stats')).body
}

async function setFaults (base: string, faults: FaultSettings): Promise<void> {
  const response = await call(base, 'PUT', '/_sandbox/faults', faults)
  if (response.status !== 200) throw new Error(`fault settings refused: ${JSON.stringify(response.body)}`)
}

/** Polls the stats until `condition` holds, for at most ten seconds. */
async function statsWhen (base: string, condition: (current: any) => boolean): Promise<any> {
  const deadline = Date.now() + 10_000
  for (;;) {
    const current = await stats(base)
    if (condition(current)) return current
    if (Date.now() > deadline) throw new Error(`stats never met the condition: ${JSON.stringify(current.lostAnswers)}`)
    await new Promise(resolve => setImmediate(resolve))
  }
}

/** Resolves once the server saw the answer to `path` close, after every listener of that close ran. */
function serverClosed (app: FastifyInstance, path: string): Promise<void> {
  return new Promise(resolve => {
    app.server.on('request', (incoming, answer) => {
      if (incoming.url === path) answer.once('close', () => setImmediate(resolve))
    })
  })
}

async function offeredOption (base: string): Promise<string> {
  const offered = await call(base, 'POST', '/deliveryoptions', shipmentRequest())
  if (offered.status !== 200) throw new Error(`no options: ${JSON.stringify(offered.body)}`)
  return offered.body.DeliveryOptions[0].Reference
}

function selection (reference: string) {
  return { DeliveryOptions: [{ Reference: reference, OrderReferenceProvidedByCustomer: 'CUSTOMER-ORDER-1' }] }
}

const SELECT = '/deliveryoptions/selectorder'

function othersZero (lostAnswers: Record<string, number>, except: string): boolean {
  return Object.entries(lostAnswers).every(([operation, count]) => operation === except || count === 0)
}

t.test('a lost response to a successful select-as-order is a lost answer; the order exists', async t => {
  const { base } = await listening(t)
  const initial = await stats(base)
  t.same(Object.keys(initial.lostAnswers).sort(), [...OPERATIONS].sort(), 'every operation is listed')
  t.ok(Object.values(initial.lostAnswers).every(count => count === 0), 'all zero at the start')

  const option = await offeredOption(base)
  await setFaults(base, { operations: { selectOrder: { lostResponseRate: 1 } } })
  const selected = await call(base, 'POST', SELECT, selection(option))
  t.equal(selected.status, 500)
  t.equal(selected.body.Code, 'InternalServerError')
  const after = await stats(base)
  t.equal(after.lostAnswers.selectOrder, 1)
  t.ok(othersZero(after.lostAnswers, 'selectOrder'), 'no other operation lost an answer')
  const orders = Object.values(after.orders) as any[]
  t.equal(orders.length, 1, 'the order exists although its answer was lost')
  t.equal(orders[0].deliveryOptionReference, option)

  t.equal((await call(base, 'POST', '/_sandbox/reset')).status, 204)
  t.ok(Object.values((await stats(base)).lostAnswers).every(count => count === 0), 'reset clears them')
})

t.test('a caller that gives up while a 2xx answer is held back loses it', async t => {
  const { app, base } = await listening(t)
  const option = await offeredOption(base)
  await setFaults(base, { operations: { selectOrder: { responseDelayMs: 60_000 } } })
  const giveUp = new AbortController()
  const abandoned = call(base, 'POST', SELECT, selection(option), giveUp.signal)
  const held = await statsWhen(base, current => Object.keys(current.orders).length === 1)
  t.equal(held.lostAnswers.selectOrder, 0, 'not lost while the caller still waits')
  giveUp.abort()
  await t.rejects(abandoned, { name: 'AbortError' })
  const after = await statsWhen(base, current => current.lostAnswers.selectOrder > 0)
  t.equal(after.lostAnswers.selectOrder, 1)
  t.ok(othersZero(after.lostAnswers, 'selectOrder'))

  await setFaults(base, {})
  const closed = serverClosed(app, SELECT)
  const delivered = await call(base, 'POST', SELECT, selection(option))
  t.equal(delivered.status, 200, 'selected again: PRO makes a second order')
  await closed
  t.equal((await stats(base)).lostAnswers.selectOrder, 1, 'a delivered answer is not counted')
})

t.test('a lost response the caller also gave up on is counted once', async t => {
  const { app, base } = await listening(t)
  const option = await offeredOption(base)
  await setFaults(base, { operations: { selectOrder: { lostResponseRate: 1, responseDelayMs: 60_000 } } })
  const closed = serverClosed(app, SELECT)
  const giveUp = new AbortController()
  const abandoned = call(base, 'POST', SELECT, selection(option), giveUp.signal)
  await statsWhen(base, current => current.lostAnswers.selectOrder > 0)
  giveUp.abort()
  await t.rejects(abandoned, { name: 'AbortError' })
  await closed
  t.equal((await stats(base)).lostAnswers.selectOrder, 1)
})

t.test('a select whose only entry failed (an unknown option) had no effect: a lost response to it is no lost answer', async t => {
  const { base } = await listening(t)
  await setFaults(base, { operations: { selectOrder: { lostResponseRate: 1 } } })
  const selected = await call(base, 'POST', SELECT, selection('DO-000-000-000'))
  t.equal(selected.status, 500, 'the fault still swaps the answer')
  const after = await stats(base)
  t.equal(after.counts.selectOrder, 1)
  t.equal(after.lostAnswers.selectOrder, 0)
  t.same(after.orders, {})
})

t.test('a 4xx answer had no effect: a lost response to it is no lost answer', async t => {
  const { base } = await listening(t)
  await setFaults(base, { operations: { pack: { lostResponseRate: 1 } } })
  const packed = await call(base, 'POST', '/orders/EO-000-000-000/pack', { OrderReference: 'EO-000-000-000', Packages: [] })
  t.equal(packed.status, 500, 'the fault still swaps the answer')
  const after = await stats(base)
  t.equal(after.counts.pack, 1)
  t.equal(after.lostAnswers.pack, 0)
})

t.test('a hung call had no effect: abandoning it is no lost answer', async t => {
  const { app, base } = await listening(t)
  const option = await offeredOption(base)
  await setFaults(base, { operations: { selectOrder: { hangRate: 1 } } })
  const closed = serverClosed(app, SELECT)
  const giveUp = new AbortController()
  const abandoned = call(base, 'POST', SELECT, selection(option), giveUp.signal)
  await statsWhen(base, current => current.counts.selectOrder === 1)
  giveUp.abort()
  await t.rejects(abandoned, { name: 'AbortError' })
  await closed
  const after = await stats(base)
  t.equal(after.lostAnswers.selectOrder, 0)
  t.same(after.orders, {})
})

t.test('a caller gone before the handler ran loses the 2xx answer the handler still gave', async t => {
  let waiting = false
  let release = (): void => {}
  const sleep = async (): Promise<void> => {
    waiting = true
    await new Promise<void>(resolve => { release = resolve })
  }
  const { app, base } = await listening(t, { sleep })
  const order = (await call(base, 'POST', SELECT, selection(await offeredOption(base)))).body.SelectOrderResults[0].OrderReference
  await setFaults(base, { operations: { getOrder: { latencyMs: 1000 } } })
  const path = `/orders/${order}`
  const closed = serverClosed(app, path)
  const giveUp = new AbortController()
  const abandoned = call(base, 'GET', path, undefined, giveUp.signal)
  while (!waiting) await new Promise(resolve => setImmediate(resolve))
  giveUp.abort()
  await t.rejects(abandoned, { name: 'AbortError' })
  await closed
  t.equal((await stats(base)).lostAnswers.getOrder, 0, 'the handler has not run yet')
  release()
  const after = await statsWhen(base, current => current.lostAnswers.getOrder > 0)
  t.equal(after.lostAnswers.getOrder, 1, 'it ran after the caller left and answered 200 to nobody')
  t.equal(after.lostAnswers.selectOrder, 0)
})
