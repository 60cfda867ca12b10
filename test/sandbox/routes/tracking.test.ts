import t from 'tap'
import { allocatedConsignment, pro, startSandbox } from '../helper.js'
import { MANIFEST_DELAY_MS } from '../../../src/sandbox/domain/manifesting.js'

t.test('tracking lists the recorded events for every package', async t => {
  const { app, clock } = await startSandbox(t)
  const reference = await allocatedConsignment(app, { packages: 2 })
  clock.advance(60_000)
  await pro(app, 'PUT', '/consignments/manifest', { ConsignmentReferences: [reference] })
  clock.advance(MANIFEST_DELAY_MS)
  const { status, body } = await pro(app, 'GET', `/tracking/${reference}`)
  t.equal(status, 200)
  t.equal(body.ConsignmentReferenceForAllLegsAssignedByMpd, reference)
  t.equal(body.TrackedPackages.length, 2)
  const [leg] = body.TrackedPackages[0].Legs
  t.equal(leg.CarrierServiceName, 'Evri Standard 48')
  t.same(leg.Events.map((event: any) => event.Code), ['ALLOCATED', 'MANIFESTED'])
  t.equal(leg.Events[1].TimeStamp, '2025-06-02T09:01:00.300+00:00', 'when PRO had transmitted the queued manifest')
  t.equal(leg.Events[0].Location, 'Manchester')
  t.equal((await pro(app, 'GET', '/tracking/EC-000-000-000')).status, 404)
})
