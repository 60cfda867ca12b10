import t from 'tap'
import { CoalescingCache } from '../../../src/services/checkout/coalescing-cache.js'

function clock (start = 1_000_000) {
  let now = start
  return { now: () => now, advance: (ms: number) => { now += ms } }
}

t.test('concurrent loads of one key share one call', async (t) => {
  const cache = new CoalescingCache<number>({ maxEntries: 10, maxTtlMs: 60_000 })
  let calls = 0
  let release!: () => void
  const gate = new Promise<void>((resolve) => { release = resolve })
  const load = async () => { calls++; await gate; return { value: 42 } }
  const all = Promise.all(Array.from({ length: 10 }, () => cache.get('k', load)))
  release()
  const results = await all
  t.equal(calls, 1)
  t.same(results.map((r) => r.value), Array(10).fill(42))
  t.equal(results.filter((r) => r.source === 'upstream').length, 1)
  t.equal(results.filter((r) => r.source === 'shared').length, 9)
})

t.test('entries expire after the TTL, or earlier when the value says so', async (t) => {
  const time = clock()
  const cache = new CoalescingCache<string>({ maxEntries: 10, maxTtlMs: 60_000, now: time.now })
  let calls = 0
  const load = async () => { calls++; return { value: `v${calls}` } }
  t.equal((await cache.get('a', load)).source, 'upstream')
  time.advance(59_999)
  t.equal((await cache.get('a', load)).source, 'cache')
  time.advance(1)
  t.same(await cache.get('a', load), { value: 'v2', source: 'upstream' })

  const soon = async () => { calls++; return { value: 'cut-off soon', expiresAt: time.now() + 1000 } }
  await cache.get('b', soon)
  time.advance(1000)
  t.equal((await cache.get('b', soon)).source, 'upstream', 'never served past the value\'s own expiry')
})

t.test('a failed load is not cached and the next caller tries again', async (t) => {
  const cache = new CoalescingCache<number>({ maxEntries: 10, maxTtlMs: 60_000 })
  await t.rejects(cache.get('k', async () => { throw new Error('upstream down') }), /upstream down/)
  t.same(await cache.get('k', async () => ({ value: 1 })), { value: 1, source: 'upstream' })
})

t.test('memory is bounded: the least recently used entry goes first', async (t) => {
  const cache = new CoalescingCache<string>({ maxEntries: 2, maxTtlMs: 60_000 })
  const load = (v: string) => async () => ({ value: v })
  await cache.get('a', load('a'))
  await cache.get('b', load('b'))
  await cache.get('a', load('a'))
  await cache.get('c', load('c'))
  t.equal(cache.size, 2)
  t.equal((await cache.get('a', load('a2'))).source, 'cache', 'recently used a survives')
  t.same(await cache.get('b', load('b2')), { value: 'b2', source: 'upstream' }, 'b was evicted')
})
