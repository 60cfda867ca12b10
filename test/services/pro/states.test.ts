import t from 'tap'
import {
  CONSIGNMENT_STATES, isKnownConsignmentState, normaliseConsignmentState
} from '../../../src/services/pro/states.js'

t.test('states are matched without case, spaces or punctuation', async (t) => {
  const cases: Array<[string, string]> = [
    ['Manifest Failed', 'ManifestFailed'],
    ['ManifestFailed', 'ManifestFailed'],
    ['manifest failed', 'ManifestFailed'],
    ['Allocation Failed', 'AllocationFailed'],
    ['In Transit - Waiting', 'InTransitWaiting'],
    ['READYTOSHIP', 'ReadyToShip'],
    ['Unallocated', 'Unallocated']
  ]
  for (const [wire, expected] of cases) t.equal(normaliseConsignmentState(wire), expected, wire)
})

t.test('an unknown state keeps PRO spelling without spaces', async (t) => {
  t.equal(normaliseConsignmentState('Awaiting Customs Paperwork'), 'AwaitingCustomsPaperwork')
  t.equal(isKnownConsignmentState('AwaitingCustomsPaperwork'), false)
})

t.test('every listed state is its own normal form', async (t) => {
  for (const state of CONSIGNMENT_STATES) {
    t.equal(normaliseConsignmentState(state), state)
    t.ok(isKnownConsignmentState(state))
  }
  t.equal(isKnownConsignmentState('manifestfailed'), false, 'only the exact spelling is the known name')
})
