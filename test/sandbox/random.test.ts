import t from 'tap'
import { request } from 'undici'
import { buildSandbox } from '../../src/sandbox/app.js'
import { readSandboxConfig } from '../../src/sandbox/config.js'
import { MAX_SEED, seededRandom } from '../../src/sandbox/random.js'
import { buildApp } from '../helpers/app.js'
import { kill, startSimulator } from '../helpers/processes.js'
import { PRO_HEADERS } from './helper.js'

t.test('mulberry32: the reference outputs for seed 1985', async t => {
  const random = seededRandom(1985)
  // 32-bit outputs of the reference implementation, scaled to [0, 1).
  t.equal(random(), 3527837133 / 2 ** 32)
  t.equal(random(), 3112574143 / 2 ** 32)
})

const draw = (seed: number, count = 20): number[] => {
  const random = seededRandom(seed)
  return Array.from({ length: count }, () => random())
}

t.test('one seed gives one sequence, another seed another, all in [0, 1)', async t => {
  t.same(draw(42), draw(42))
  t.notSame(draw(42), draw(43))
  const values = [...draw(0, 1000), ...draw(MAX_SEED, 1000)]
  t.ok(values.every(value => value >= 0 && value < 1))
})

t.test('a seed is an unsigned 32-bit integer', async t => {
  for (const bad of [-1, 1.5, MAX_SEED + 1, Number.NaN]) t.throws(() => seededRandom(bad), RangeError, String(bad))
})

/** Only getOrder is faulted, so nothing else the service sends the simulator uses up a roll. */
const FAULTS = { operations: { getOrder: { errorRate: 0.5 } } }
const SEED = 7
const CALLS = 16

/** What seed 7 rolls for CALLS calls at a 0.5 error rate: a 503 below 0.5, else PRO's 404. */
const expectedStatuses = (): number[] => draw(SEED, CALLS).map(roll => roll < 0.5 ? 503 : 404)

t.test('seed 7 faults some calls and not others', async t => {
  const statuses = expectedStatuses()
  t.ok(statuses.includes(503) && statuses.includes(404), statuses.join(' '))
})

async function statusesOf (call: (n: number) => Promise<number>): Promise<number[]> {
  const statuses: number[] = []
  for (let n = 0; n < CALLS; n += 1) statuses.push(await call(n))
  return statuses
}

t.test('a seeded simulator faults the same calls every run; `random` still wins over `seed`', async t => {
  const seeded = await buildSandbox({ seed: SEED, faults: FAULTS })
  t.teardown(() => seeded.close())
  const statuses = await statusesOf(async n =>
    (await seeded.inject({ method: 'GET', url: `/orders/EO-000-000-${n}`, headers: PRO_HEADERS })).statusCode)
  t.same(statuses, expectedStatuses())

  const injected = await buildSandbox({ seed: SEED, random: () => 0, faults: FAULTS })
  t.teardown(() => injected.close())
  t.equal((await injected.inject({ method: 'GET', url: '/orders/EO-000-000-1', headers: PRO_HEADERS })).statusCode, 503)
})

t.test('SANDBOX_SEED of the stand-alone simulator', async t => {
  t.equal(readSandboxConfig({ SANDBOX_SEED: '42' }).seed, 42)
  t.equal(readSandboxConfig({ SANDBOX_SEED: String(MAX_SEED) }).seed, MAX_SEED)
  t.equal(readSandboxConfig({ SANDBOX_SEED: '' }).seed, undefined)
  t.equal(readSandboxConfig({}).seed, undefined)
  for (const bad of ['-1', '1.5', 'seven', String(MAX_SEED + 1)]) {
    t.throws(() => readSandboxConfig({ SANDBOX_SEED: bad }), /SANDBOX_SEED must be an integer/, bad)
  }
})

t.test('the stand-alone simulator rolls from SANDBOX_SEED and logs it', async t => {
  const simulator = await startSimulator({ SANDBOX_SEED: String(SEED), SANDBOX_FAULTS: JSON.stringify(FAULTS) })
  t.teardown(() => kill(simulator))
  const statuses = await statusesOf(async n => {
    const response = await request(`${simulator.url}/orders/EO-000-000-${n}`, { headers: PRO_HEADERS })
    await response.body.text()
    return response.statusCode
  })
  t.same(statuses, expectedStatuses())
  t.match(simulator.logs.find(line => /^PRO simulator listening/.test(String(line.msg))), { seed: SEED })
})

t.test('the in-process simulator rolls from the service\'s SANDBOX_SEED', async t => {
  const app = await buildApp(t, { SANDBOX_SEED: String(SEED), SANDBOX_FAULTS: JSON.stringify(FAULTS) })
  // The key the service gives its own simulator (src/plugins/app/pro.ts).
  const headers = { ...PRO_HEADERS, 'ocp-apim-subscription-key': 'in-process-simulator' }
  const statuses = await statusesOf(async n =>
    (await app.proSimulator!.inject({ method: 'GET', url: `/orders/EO-000-000-${n}`, headers })).statusCode)
  t.same(statuses, expectedStatuses())
})
