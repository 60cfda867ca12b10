import t from 'tap'
import { request } from 'undici'
import { PRO_HEADERS, pro, referenceOf, shipmentRequest, startSandbox, stats } from './helper.js'

const always = (): number => 0

t.test('an error fault answers a PRO-shaped 503 and applies nothing, but is counted', async t => {
  const { app } = await startSandbox(t, { random: always, faults: { errorRate: 1 } })
  const response = await pro(app, 'POST', '/consignments', shipmentRequest())
  t.equal(response.status, 503)
  t.equal(response.body.Code, 'ServiceUnavailable')
  t.match(response.body.CorrelationId, /^[0-9a-f-]{36}$/)
  const after = await stats(app)
  t.same(after.consignments, {})
  t.equal(after.counts.createConsignment, 1)
})

t.test('a rate-limit fault answers 429 with Retry-After (1 s unless configured)', async t => {
  const { app } = await startSandbox(t, { random: always, faults: { rateLimitRate: 1 } })
  const first = await pro(app, 'GET', '/consignments/EC-000-000-001')
  t.equal(first.status, 429)
  t.equal(first.headers['retry-after'], '1')
  t.equal(first.body.statusCode, 429)
  await app.inject({ method: 'PUT', url: '/_sandbox/faults', payload: { rateLimitRate: 1, retryAfterSeconds: 7 } })
  t.equal((await pro(app, 'GET', '/consignments/EC-000-000-001')).headers['retry-after'], '7')
})

t.test('a lost response applies the operation and then answers 500', async t => {
  const { app } = await startSandbox(t, { random: always, faults: { lostResponseRate: 1 } })
  const response = await pro(app, 'POST', '/consignments', shipmentRequest())
  t.equal(response.status, 500)
  t.equal(response.body.Code, 'InternalServerError')
  const created = Object.keys((await stats(app)).consignments)
  t.equal(created.length, 1, 'the consignment exists although the caller saw a failure')
  await app.inject({ method: 'DELETE', url: '/_sandbox/faults' })
  t.same((await pro(app, 'GET', '/consignments/getConsignmentReferences')).body, created, 'a reconciling read finds it')
})

t.test('an operation rule overrides the top-level fields one by one', async t => {
  const { app } = await startSandbox(t, { random: always, faults: { errorRate: 1, operations: { getConsignment: { errorRate: 0 }, tracking: { rateLimitRate: 1 } } } })
  t.equal((await pro(app, 'GET', '/consignments/EC-000-000-001')).status, 404, 'getConsignment is spared')
  t.equal((await pro(app, 'GET', '/tracking/EC-000-000-001')).status, 429, 'tracking hits its own fault first')
  t.equal((await pro(app, 'GET', '/orders/EO-000-000-001')).status, 503, 'others get the top-level fault')
})

t.test('rates are rolled with the injected random source', async t => {
  const rolls = [0.7, 0.2]
  const { app } = await startSandbox(t, { random: () => rolls.shift() ?? 1, faults: { errorRate: 0.5 } })
  t.equal((await pro(app, 'GET', '/orders/EO-000-000-001')).status, 404, '0.7 is not below 0.5')
  t.equal((await pro(app, 'GET', '/orders/EO-000-000-001')).status, 503, '0.2 is')
})

t.test('latency waits latency ± jitter through the injected sleep', async t => {
  const waits: number[] = []
  const rolls = [0, 1, 0.5]
  const { app } = await startSandbox(t, {
    random: () => rolls.shift() ?? 0.5,
    sleep: async ms => { waits.push(ms) },
    faults: { latencyMs: 200, jitterMs: 50 }
  })
  for (let call = 0; call < 3; call += 1) t.equal((await pro(app, 'GET', '/orders/EO-000-000-001')).status, 404)
  t.same(waits, [150, 250, 200])
  t.equal((await app.inject({ method: 'GET', url: '/_sandbox/stats' })).statusCode, 200)
  t.equal(waits.length, 3, 'control routes are never delayed')
})

t.test('a hung request stays open until the client gives up or the server closes', async t => {
  const { app } = await startSandbox(t, { random: always, faults: { operations: { tracking: { hangRate: 1 } } } })
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  const giveUp = new AbortController()
  const abandoned = request(`${base}/tracking/EC-000-000-001`, { headers: PRO_HEADERS, signal: giveUp.signal })
  let settled = false
  abandoned.then(() => { settled = true }, () => { settled = true })
  while ((await stats(app)).counts.tracking < 1) await new Promise(resolve => setImmediate(resolve))
  const meanwhile = await request(`${base}/consignments/EC-000-000-009`, { headers: PRO_HEADERS })
  await meanwhile.body.text()
  t.notOk(settled, 'no answer while another call came and went')
  giveUp.abort()
  await t.rejects(abandoned, { name: 'AbortError' }, 'no answer before the client aborts')
  t.equal((await stats(app)).counts.tracking, 1, 'counted once, and not again when the client gave up')

  const pending = request(`${base}/tracking/EC-000-000-002`, { headers: PRO_HEADERS })
  while ((await stats(app)).counts.tracking < 2) await new Promise(resolve => setImmediate(resolve))
  const answered = await request(`${base}/consignments/EC-000-000-003`, { headers: PRO_HEADERS })
  t.equal(answered.statusCode, 404, 'other operations still answer')
  await answered.body.text()
  await app.close()
  await t.rejects(pending, { code: 'UND_ERR_SOCKET', message: 'other side closed' }, 'closing the server ends the hung request')
})

t.test('closing the simulator cuts injected latency short', async t => {
  const { app } = await startSandbox(t, { faults: { latencyMs: 600_000 } })
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  const slow = request(`${base}/orders/EO-000-000-001`, { headers: PRO_HEADERS })
  while ((await stats(app)).counts.getOrder < 1) await new Promise(resolve => setImmediate(resolve))
  await app.close()
  await t.rejects(slow, { code: 'UND_ERR_SOCKET', message: 'other side closed' }, 'the waiting request is dropped; no ten-minute timer keeps the process alive')
})

/** A sleep the test releases by hand, recording what it was asked to wait. */
function heldSleep () {
  const waits: number[] = []
  let release = (): void => {}
  const sleep = async (ms: number): Promise<void> => {
    waits.push(ms)
    await new Promise<void>(resolve => { release = resolve })
  }
  return { waits, sleep, release: () => release() }
}

t.test('a response delay holds the answer back after the operation took effect', async t => {
  const held = heldSleep()
  const { app } = await startSandbox(t, { random: always, sleep: held.sleep, faults: { operations: { createConsignment: { responseDelayMs: 1500 } } } })
  let settled = false
  const answer = pro(app, 'POST', '/consignments', shipmentRequest()).finally(() => { settled = true })
  while (held.waits.length === 0) await new Promise(resolve => setImmediate(resolve))
  t.same(held.waits, [1500])
  const created = Object.keys((await stats(app)).consignments)
  t.equal(created.length, 1, 'the consignment exists while its answer is held')
  t.notOk(settled, 'no answer yet')
  held.release()
  const response = await answer
  t.equal(response.status, 200)
  t.equal(referenceOf(response.body[0].Href), created[0], 'the held answer names it')
})

t.test('a response delay applies per operation and not to answers a fault made', async t => {
  const waits: number[] = []
  const { app } = await startSandbox(t, {
    random: always,
    sleep: async ms => { waits.push(ms) },
    faults: { responseDelayMs: 700, operations: { getOrder: { errorRate: 1 }, tracking: { responseDelayMs: 0 } } }
  })
  t.equal((await pro(app, 'GET', '/orders/EO-000-000-001')).status, 503)
  t.same(waits, [], 'the error fault answers at once')
  t.equal((await pro(app, 'GET', '/tracking/EC-000-000-001')).status, 404)
  t.same(waits, [], 'tracking has no delay of its own')
  t.equal((await pro(app, 'GET', '/consignments/EC-000-000-001')).status, 404)
  t.same(waits, [700], 'other operations wait, even for an error their handler answered')
})

t.test('a lost response is still held back first', async t => {
  const waits: number[] = []
  const { app } = await startSandbox(t, { random: always, sleep: async ms => { waits.push(ms) }, faults: { lostResponseRate: 1, responseDelayMs: 300 } })
  const response = await pro(app, 'POST', '/consignments', shipmentRequest())
  t.equal(response.status, 500)
  t.same(waits, [300])
  t.equal(Object.keys((await stats(app)).consignments).length, 1)
})
