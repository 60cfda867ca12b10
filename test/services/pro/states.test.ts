import t from 'tap'
import {
  ALLOCATABLE_STATES, ALLOCATED_STATES, CONSIGNMENT_STATES, IN_PROGRESS_STATES, MANIFESTABLE_STATES, MANIFESTED_STATES,
  isKnownConsignmentState, normaliseConsignmentState
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

t.test('the state sets come from the documented list (PRO-API.md §6)', async (t) => {
  t.equal(CONSIGNMENT_STATES.length, 33, 'the 32 states of the states page and ReadyToShip of the manifesting page')
  t.same([...ALLOCATABLE_STATES].sort(), ['AllocationFailed', 'Unallocated'])
  t.same([...MANIFESTABLE_STATES].sort(), ['Allocated', 'ManifestFailed', 'ReadyToShip'])
  t.same([...IN_PROGRESS_STATES].sort(), ['Allocating', 'Cancelling', 'Manifesting'])
  for (const state of ['Manifested', 'Dispatched', 'Collected', 'InTransit', 'AtCustoms', 'OutForDelivery', 'Delivered', 'DeliveryFailed', 'ReturnToSender']) {
    t.ok(MANIFESTED_STATES.has(state), `${state} counts as manifested`)
    t.ok(ALLOCATED_STATES.has(state), `${state} has its carrier service`)
  }
  for (const state of ['Allocated', 'Manifesting', 'ManifestFailed', 'ReadyToShip']) {
    t.ok(ALLOCATED_STATES.has(state), `${state} has its carrier service`)
    t.notOk(MANIFESTED_STATES.has(state), `${state} is not manifested`)
  }
  for (const state of ['Unallocated', 'Allocating', 'AllocationFailed', 'Cancelling', 'Cancelled']) {
    t.notOk(ALLOCATED_STATES.has(state), `${state} has no carrier service`)
  }
  t.equal(CONSIGNMENT_STATES.filter((state) => ALLOCATED_STATES.has(state)).length, 28, 'every state past allocation')
})
