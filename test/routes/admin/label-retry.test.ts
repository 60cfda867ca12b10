import t from 'tap'
import { setTimeout as sleep } from 'node:timers/promises'
import { setSandboxFaults } from '../../helpers/pipeline.js'
import { buildStaffApp, domesticConsignment, staff, waitForLabel } from '../consignments/helpers.js'

t.test('a staff label job out of attempts is listed in /admin/queue and re-driven by /admin/consignments/{ref}/label-retry', async (t) => {
  const app = await buildStaffApp(t, { FULFILMENT_MAX_ATTEMPTS: '1', PRO_MAX_RETRIES: '0', LABEL_FORMAT: 'zpl' })
  const created = (await staff(app, 'POST', '/consignments', domesticConsignment('CC-LABEL-FAIL-1'))).json()
  const [quote] = (await staff(app, 'GET', `/consignments/${created.reference}/quotes`)).json().quotes
  await setSandboxFaults(app.proSimulator!, { operations: { labels: { errorRate: 1 } } })
  t.equal((await staff(app, 'POST', `/consignments/${created.reference}/allocation`, { quoteReference: quote.quoteReference })).statusCode, 200)

  let failures: Array<{ reference: string, customerReference: string, reason: string }> = []
  for (const deadline = Date.now() + 30_000; failures.length === 0 && Date.now() < deadline; await sleep(100)) {
    failures = (await staff(app, 'GET', '/admin/queue')).json().labelFailures
  }
  t.match(failures, [{ reference: created.reference, customerReference: 'CC-LABEL-FAIL-1', reason: /\S/ }], 'the consignment is listed with the reason')

  await setSandboxFaults(app.proSimulator!, {})
  const retried = await staff(app, 'POST', `/admin/consignments/${created.reference}/label-retry`)
  t.equal(retried.statusCode, 202, retried.body)
  t.same(retried.json(), { reference: created.reference, status: 'queued' })
  await waitForLabel(app, created.reference, 'zpl')
  t.same((await staff(app, 'GET', '/admin/queue')).json().labelFailures, [], 'no longer listed')

  const again = await staff(app, 'POST', `/admin/consignments/${created.reference}/label-retry`)
  t.equal(again.statusCode, 409, 'a consignment without a failed label job is not re-driven')
  t.equal(again.json().code, 'CONFLICT')
})
