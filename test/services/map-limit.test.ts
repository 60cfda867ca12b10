import t from 'tap'
import { mapLimit } from '../../src/services/map-limit.js'

t.test('keeps order and never exceeds the limit', async (t) => {
  let inFlight = 0
  let peak = 0
  const results = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (n) => {
    inFlight++
    peak = Math.max(peak, inFlight)
    await new Promise((resolve) => setTimeout(resolve, n))
    inFlight--
    return n * 10
  })
  t.same(results, [50, 10, 40, 20, 30, 0])
  t.equal(peak, 2)
})

t.test('an empty list gives an empty result; a failure rejects', async (t) => {
  t.same(await mapLimit([], 4, async () => 1), [])
  await t.rejects(mapLimit([1, 2], 2, async (n) => { if (n === 2) throw new Error('boom'); return n }), /boom/)
})
