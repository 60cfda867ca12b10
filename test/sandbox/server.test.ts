import { once } from 'node:events'
import t from 'tap'
import { request } from 'undici'
import { kill, runToExit, SIMULATOR_ENTRY, startSimulator } from '../helpers/processes.js'

t.test('invalid SANDBOX_FAULTS stops the process with a message naming it', async t => {
  const { code, stderr } = await runToExit(SIMULATOR_ENTRY, { SANDBOX_PORT: '0', SANDBOX_FAULTS: '{"errorRate": 9}' })
  t.equal(code, 1)
  t.match(stderr, 'SANDBOX_FAULTS')
})

t.test('the stand-alone simulator logs its URL, serves PRO calls and stops on SIGTERM', async t => {
  const simulator = await startSimulator({ SANDBOX_API_KEY: 'stand-alone-key' })
  t.teardown(() => kill(simulator))
  const { url, process: child } = simulator
  const denied = await request(`${url}/consignments/EC-000-000-001`, { headers: { 'ocp-apim-subscription-key': 'wrong' } })
  t.equal(denied.statusCode, 401)
  await denied.body.text()
  const allowed = await request(`${url}/consignments/EC-000-000-001`, { headers: { 'ocp-apim-subscription-key': 'stand-alone-key' } })
  t.equal(allowed.statusCode, 404)
  await allowed.body.text()
  child.kill('SIGTERM')
  const [code] = await once(child, 'exit')
  t.equal(code, 0)
  t.notMatch(JSON.stringify(simulator.logs), 'stand-alone-key', 'the key never reaches the log')
})
