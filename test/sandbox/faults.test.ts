import t from 'tap'
import { FaultSettingsError, FaultStore, parseFaultSettings, rollFault } from '../../src/sandbox/faults.js'

function sequence (...values: number[]): () => number {
  return () => values.shift() ?? 0.999
}

t.test('rollFault tries rate limit, error, hang, lost response in that order', async t => {
  const every = { rateLimitRate: 1, errorRate: 1, hangRate: 1, lostResponseRate: 1 }
  t.equal(rollFault(every, sequence(0)).action, 'rateLimit')
  t.equal(rollFault({ ...every, rateLimitRate: 0 }, sequence(0)).action, 'error')
  t.equal(rollFault({ hangRate: 1, lostResponseRate: 1 }, sequence(0)).action, 'hang')
  t.equal(rollFault({ lostResponseRate: 1 }, sequence(0)).action, 'lostResponse')
  t.equal(rollFault({}, sequence(0)).action, 'none')
  t.equal(rollFault({ errorRate: 0.3, hangRate: 0.3 }, sequence(0.5, 0.1)).action, 'hang', 'each rate is rolled on its own')
})

t.test('rollFault computes latency ± jitter and the Retry-After seconds', async t => {
  t.equal(rollFault({ latencyMs: 100 }, sequence()).delayMs, 100)
  t.equal(rollFault({ latencyMs: 100, jitterMs: 40 }, sequence(0)).delayMs, 60)
  t.equal(rollFault({ latencyMs: 100, jitterMs: 40 }, sequence(1)).delayMs, 140)
  t.equal(rollFault({ latencyMs: 10, jitterMs: 40 }, sequence(0)).delayMs, 0, 'never negative')
  t.equal(rollFault({}, sequence()).retryAfterSeconds, 1)
  t.equal(rollFault({ retryAfterSeconds: 5 }, sequence()).retryAfterSeconds, 5)
})

t.test('rollFault passes the response delay through, whatever the fault', async t => {
  t.equal(rollFault({}, sequence()).responseDelayMs, 0)
  t.equal(rollFault({ responseDelayMs: 1500 }, sequence()).responseDelayMs, 1500)
  t.same(rollFault({ responseDelayMs: 1500, latencyMs: 20, lostResponseRate: 1 }, sequence(0)), { delayMs: 20, action: 'lostResponse', retryAfterSeconds: 1, responseDelayMs: 1500 })
})

t.test('FaultStore merges an operation rule over the top-level one field by field', async t => {
  const store = new FaultStore()
  store.set({ latencyMs: 50, errorRate: 0.5, operations: { pack: { errorRate: 0, hangRate: 1 } } })
  t.same(store.ruleFor('pack'), { latencyMs: 50, errorRate: 0, hangRate: 1 })
  t.same(store.ruleFor('labels'), { latencyMs: 50, errorRate: 0.5 })
  store.clear()
  t.same(store.ruleFor('pack'), {})
})

t.test('parseFaultSettings accepts the documented shape and names what is wrong', async t => {
  t.same(parseFaultSettings({ errorRate: 0.1, operations: { manifest: { lostResponseRate: 1 } } }), { errorRate: 0.1, operations: { manifest: { lostResponseRate: 1 } } })
  t.same(parseFaultSettings({ operations: { pack: { responseDelayMs: 1500 } } }), { operations: { pack: { responseDelayMs: 1500 } } })
  t.throws(() => parseFaultSettings({ hangRate: 2 }), FaultSettingsError)
  t.throws(() => parseFaultSettings({ responseDelayMs: -1 }), FaultSettingsError)
  try {
    parseFaultSettings({ operations: { labels: { jitter: 5 } } })
    t.fail('should have thrown')
  } catch (error) {
    t.match((error as Error).message, '/operations/labels')
  }
})
