import t from 'tap'
import { KEY, PRO_HEADERS, startSandbox } from './helper.js'

const noKey = { 'content-type': 'application/json' }

t.test('a PRO call without a subscription key gets the gateway 401, not a PRO error', async t => {
  const { app } = await startSandbox(t)
  for (const headers of [noKey, { ...noKey, 'ocp-apim-subscription-key': '' }]) {
    const response = await app.inject({ method: 'GET', url: '/tracking/EC-000-000-001', headers })
    t.equal(response.statusCode, 401)
    const body = response.json()
    t.equal(body.statusCode, 401)
    t.notOk('Code' in body, 'not the PRO error shape')
    t.notOk('CorrelationId' in body)
  }
  t.equal((await app.inject({ method: 'GET', url: '/_sandbox/stats' })).json().counts.tracking, 0, 'rejected calls are not counted')
})

t.test('with apiKey set, only that key is accepted and the wrong one is never echoed', async t => {
  const { app } = await startSandbox(t, { apiKey: KEY })
  const wrong = await app.inject({ method: 'GET', url: '/consignments/EC-000-000-001', headers: { ...PRO_HEADERS, 'ocp-apim-subscription-key': 'not-the-key' } })
  t.equal(wrong.statusCode, 401)
  t.notMatch(wrong.body, 'not-the-key')
  t.notMatch(wrong.body, KEY)
  const right = await app.inject({ method: 'GET', url: '/consignments/EC-000-000-001', headers: PRO_HEADERS })
  t.equal(right.statusCode, 404, 'authenticated, then the unknown consignment is a PRO 404')
  t.equal(right.json().Code, 'ConsignmentNotFound')
})

t.test('without apiKey any non-empty key is accepted', async t => {
  const { app } = await startSandbox(t)
  const response = await app.inject({ method: 'GET', url: '/consignments/EC-000-000-001', headers: { ...PRO_HEADERS, 'ocp-apim-subscription-key': 'anything' } })
  t.equal(response.statusCode, 404)
})

t.test('the /_sandbox routes need no key', async t => {
  const { app } = await startSandbox(t, { apiKey: KEY })
  t.equal((await app.inject({ method: 'GET', url: '/_sandbox/stats' })).statusCode, 200)
  t.equal((await app.inject({ method: 'GET', url: '/_sandbox/faults' })).statusCode, 200)
})
