import t from 'tap'
import { allocatedConsignment, createConsignment, pro, startSandbox, stats } from '../helper.js'
import { MANIFEST_DELAY_MS } from '../../../src/sandbox/domain/manifesting.js'

t.test('manifest by reference: only allocated consignments, queued (Manifesting) until PRO transmits them, and never twice', async t => {
  const { app, clock } = await startSandbox(t)
  const unallocated = await createConsignment(app)
  const allocated = await allocatedConsignment(app)
  const first = await pro(app, 'PUT', '/consignments/manifest', { ConsignmentReferences: [unallocated, allocated, 'EC-000-000-000'] })
  t.equal(first.status, 200)
  t.same(first.body.map((result: any) => [result.Data, result.IsSuccess]), [[unallocated, false], [allocated, true], ['EC-000-000-000', false]])
  t.equal(first.body[1].Message, `Consignment ${allocated} has been manifested successfully.`)
  t.equal(first.body[1].ApiLinks[0].Href, `https://api.electioapp.com/consignments/${allocated}`)
  t.equal((await pro(app, 'GET', `/consignments/${allocated}`)).body.ConsignmentState, 'Manifesting', 'queued')
  const whileQueued = await pro(app, 'PUT', '/consignments/manifest', { ConsignmentReferences: [allocated] })
  t.equal(whileQueued.body[0].IsSuccess, false, 'a queued manifest is not queued again')
  clock.advance(MANIFEST_DELAY_MS)
  t.equal((await pro(app, 'GET', `/consignments/${allocated}`)).body.ConsignmentState, 'Manifested')

  const second = await pro(app, 'PUT', '/consignments/manifest', { ConsignmentReferences: [allocated] })
  t.equal(second.body[0].IsSuccess, false)
  const after = await stats(app)
  t.equal(after.duplicates.manifests, 2)
  t.equal(after.consignments[allocated].manifestCount, 1)
  t.equal(after.consignments[unallocated].state, 'Unallocated')
})

t.test('manifest from query filters on shipping location, carrier, state and labels', async t => {
  const { app, clock } = await startSandbox(t)
  const manchester = await allocatedConsignment(app)
  const bristol = await allocatedConsignment(app, { origin: 'WH_BRISTOL' })
  const heavyBristol = await allocatedConsignment(app, { origin: 'WH_BRISTOL', weightKg: 18 })
  const unallocated = await createConsignment(app, { origin: 'WH_BRISTOL' })
  const carriers = (await stats(app)).consignments
  t.equal(carriers[bristol].carrier, 'EVRI')
  t.equal(carriers[heavyBristol].carrier, 'ROYAL_MAIL', 'Evri does not take 18 kg, so another carrier')

  const byCarrier = await pro(app, 'PUT', '/consignments/manifestFromQuery', { ShippingLocationReferences: ['WH_BRISTOL'], Carriers: ['ROYAL_MAIL'] })
  t.equal(byCarrier.status, 200)
  t.same(byCarrier.body, { Message: 'Query found 1 consignment(s). 1 successfully queued to manifest. 0 failed to be added to the queue', FailedConsignments: [] })
  clock.advance(MANIFEST_DELAY_MS)
  t.equal((await stats(app)).consignments[heavyBristol].state, 'Manifested')

  const withLabels = await pro(app, 'PUT', '/consignments/manifestFromQuery', { States: ['Allocated'], LabelsPrinted: true })
  t.match(withLabels.body.Message, /^Query found 0 consignment/, 'no labels printed yet')
  await pro(app, 'GET', `/labels/${bristol}/ZPL`)

  const byLocation = await app.inject({
    method: 'POST',
    url: '/consignments/manifestFromQuery',
    headers: { 'ocp-apim-subscription-key': 'k', 'content-type': 'application/json' },
    payload: { ShippingLocationReferences: ['WH_BRISTOL'], States: ['Allocated'], LabelsPrinted: true }
  })
  t.equal(byLocation.statusCode, 200, 'POST is accepted too')
  t.match(byLocation.json().Message, /^Query found 1 consignment\(s\)\. 1 successfully/)
  clock.advance(MANIFEST_DELAY_MS)
  const after = (await stats(app)).consignments
  t.equal(after[bristol].state, 'Manifested')
  t.equal(after[manchester].state, 'Allocated', 'the other warehouse is untouched')
  t.equal(after[unallocated].state, 'Unallocated')

  const again = await pro(app, 'PUT', '/consignments/manifestFromQuery', { States: ['Manifested'] })
  t.equal(again.body.Message, 'Query found 2 consignment(s). 0 successfully queued to manifest. 2 failed to be added to the queue')
  t.same(new Set(again.body.FailedConsignments), new Set([bristol, heavyBristol]))
  t.equal((await stats(app)).duplicates.manifests, 2)

  const everything = await app.inject({ method: 'PUT', url: '/consignments/manifestFromQuery', headers: { 'ocp-apim-subscription-key': 'k', 'content-type': 'application/json' } })
  t.match(everything.json().Message, /^Query found 1 consignment\(s\)\. 1 successfully/, 'an empty query manifests every manifestable consignment')
  clock.advance(MANIFEST_DELAY_MS)
  t.equal((await stats(app)).consignments[manchester].state, 'Manifested')
})

t.test('query States match in any case, with or without spaces', async t => {
  const { app, clock } = await startSandbox(t)
  const reference = await allocatedConsignment(app)
  const response = await pro(app, 'PUT', '/consignments/manifestFromQuery', { States: ['allocated', 'Manifest Failed'] })
  t.match(response.body.Message, /^Query found 1 consignment/)
  clock.advance(MANIFEST_DELAY_MS)
  t.equal((await stats(app)).consignments[reference].state, 'Manifested')
})
