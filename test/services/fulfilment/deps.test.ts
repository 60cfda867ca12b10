import t from 'tap'
import { fulfilmentDeps, parseAllocationStrategy } from '../../../src/services/fulfilment/deps.js'
import { loadConfig } from '../../../src/config.js'

t.test('parseAllocationStrategy reads option, rules and group:<reference>', async (t) => {
  t.same(parseAllocationStrategy('option'), { kind: 'option' })
  t.same(parseAllocationStrategy('rules'), { kind: 'rules' })
  t.same(parseAllocationStrategy('group:NEXT_DAY'), { kind: 'group', serviceGroupReference: 'NEXT_DAY' })
  t.same(parseAllocationStrategy('group:a.b-c_1'), { kind: 'group', serviceGroupReference: 'a.b-c_1' })
})

t.test('parseAllocationStrategy refuses anything else, naming the value', async (t) => {
  for (const value of ['', 'Option', 'RULES', 'group', 'cheapest', ' option']) {
    t.throws(() => parseAllocationStrategy(value), new RangeError(`unknown allocation strategy "${value}"`), JSON.stringify(value))
  }
})

t.test('fulfilmentDeps takes the strategy, label format and default location from the configuration', async (t) => {
  const parts = { pool: {} as never, pro: {} as never, log: { debug () {}, info () {}, warn () {}, error () {} } }
  const deps = fulfilmentDeps(loadConfig({ ALLOCATION_STRATEGY: 'group:ECONOMY', LABEL_FORMAT: 'zplii', DEFAULT_SHIPPING_LOCATION: 'WH_BRISTOL' }), parts)
  t.same(deps.allocation, { kind: 'group', serviceGroupReference: 'ECONOMY' })
  t.equal(deps.labelFormat, 'ZPLII', 'PRO spells label formats in capitals')
  t.equal(deps.defaultShippingLocation, 'WH_BRISTOL')
  t.same(fulfilmentDeps(loadConfig({}), parts).allocation, { kind: 'option' }, 'option is the default')
})
