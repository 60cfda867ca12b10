import { findService } from '../catalogue.js'
import type { SandboxContext } from '../context.js'
import type { Consignment, ConsignmentState } from '../model.js'
import { shippingLocationReferenceOf } from '../normalise-address.js'
import { calendarDay } from '../normalise-shipment.js'
import type { ManifestQueryBody } from '../schemas.js'
import { recordEvent } from './events.js'

/** PRO-API.md §6 with the manifesting page's addition of ReadyToShip (§10.4). */
const MANIFESTABLE = new Set<ConsignmentState>(['Allocated', 'ManifestFailed', 'ReadyToShip'])

export interface ManifestResult { consignment: Consignment, success: boolean, message: string }

/**
 * How long PRO takes to transmit a queued manifest (§7.7: "successfully queued to manifest"): the
 * consignment reads `Manifesting` until then, the stricter reading for a caller that reads it back.
 */
export const MANIFEST_DELAY_MS = 300

/**
 * Queues one consignment's manifest; asking again for one manifesting or manifested fails and counts
 * as a duplicate (it would be transmitted to the carrier twice).
 */
export function manifest (context: SandboxContext, consignment: Consignment): ManifestResult {
  if (consignment.state === 'Manifested' || consignment.state === 'Manifesting') {
    context.stats.duplicate('manifests')
    return { consignment, success: false, message: `Consignment ${consignment.reference} has already been manifested.` }
  }
  if (!MANIFESTABLE.has(consignment.state)) {
    return { consignment, success: false, message: `Consignment ${consignment.reference} is ${consignment.state} and cannot be manifested.` }
  }
  const now = context.now()
  consignment.state = 'Manifesting'
  consignment.manifestCount += 1
  context.state.manifesting.set(consignment, new Date(now.getTime() + MANIFEST_DELAY_MS))
  return { consignment, success: true, message: `Consignment ${consignment.reference} has been manifested successfully.` }
}

/** Completes the queued manifests that are due on the simulator's clock (run before every request). */
export function settleManifests (context: SandboxContext): void {
  if (context.state.manifesting.size === 0) return
  const now = context.now()
  for (const [consignment, due] of context.state.manifesting) {
    if (due > now) continue
    context.state.manifesting.delete(consignment)
    if (consignment.state !== 'Manifesting') continue
    consignment.state = 'Manifested'
    recordEvent(consignment, due, 'MANIFESTED', 'Consignment details sent to the carrier')
  }
}

function normaliseState (state: string): string {
  return state.replace(/\s+/g, '').toLowerCase()
}

function asList (value: string | string[] | null | undefined): string[] {
  if (value == null) return []
  return Array.isArray(value) ? value : [value]
}

/** The consignments a manifest-from-query body selects; without `States` every manifestable state. */
export function queryConsignments (context: SandboxContext, query: ManifestQueryBody): Consignment[] {
  const locations = [...asList(query.ShippingLocationReferences), ...asList(query.ShippingLocationReference)].map(reference => reference.toLowerCase())
  const states = (query.States ?? [...MANIFESTABLE]).map(normaliseState)
  const carriers = (query.Carriers ?? []).map(carrier => carrier.toLowerCase())
  const shippingDate = query.ShippingDate == null ? null : calendarDay(query.ShippingDate, 'ShippingDate')
  return [...context.state.consignments.values()].filter(consignment => {
    const service = consignment.allocation === null ? undefined : findService(consignment.allocation.serviceReference)
    const location = shippingLocationReferenceOf(consignment.shipment.addresses)?.toLowerCase() ?? ''
    return states.includes(normaliseState(consignment.state)) &&
      (locations.length === 0 || locations.includes(location)) &&
      (carriers.length === 0 || (service !== undefined && carriers.includes(service.carrierReference.toLowerCase()))) &&
      (query.LabelsPrinted == null || consignment.labelsPrinted === query.LabelsPrinted) &&
      (shippingDate === null || consignment.allocation?.collectionDate === shippingDate)
  })
}
