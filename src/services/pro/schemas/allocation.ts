import { Type, type Static, type StaticDecode } from '@sinclair/typebox'
import { ApiLink, ConsignmentReferences, Maybe, OneOrMany } from './common.js'

/* The allocate calls (PRO-API.md §7.5) and the Allocation Summary they answer. */

export const AllocateRequest = ConsignmentReferences
export type AllocateRequest = Static<typeof AllocateRequest>

export const AllocateWithCarrierServiceRequest = Type.Object({
  MpdCarrierServiceReference: Type.String(),
  ConsignmentReferences: Type.Array(Type.String(), { minItems: 1 })
})
export type AllocateWithCarrierServiceRequest = Static<typeof AllocateWithCarrierServiceRequest>

/** One leg of the journey with that leg's tracking numbers. */
export const ConsignmentLeg = Type.Object({
  Leg: Maybe(Type.Integer()),
  TrackingReferences: Maybe(Type.Array(Type.String())),
  CarrierReference: Maybe(Type.String()),
  CarrierServiceReference: Maybe(Type.String()),
  CarrierName: Maybe(Type.String())
})
export type ConsignmentLeg = Static<typeof ConsignmentLeg>

/** The consignment's reference is only in `ApiLinks[].Href` (Rel `detail`) and `Description`. */
export const AllocationSummary = Type.Object({
  StatusCode: Maybe(Type.Integer()),
  ApiLinks: Maybe(Type.Array(ApiLink)),
  Description: Maybe(Type.String()),
  ConsignmentLegs: Maybe(Type.Array(ConsignmentLeg)),
  CarrierReference: Maybe(Type.String()),
  CarrierName: Maybe(Type.String()),
  CarrierServiceReference: Maybe(Type.String()),
  CarrierServiceName: Maybe(Type.String())
})
export type AllocationSummary = Static<typeof AllocationSummary>

/**
 * Every allocate call; Allocate With Quote answers an array in the docs and a single object in the
 * SDK. A 200 answer may still hold entries that failed: see `StatusCode` of each.
 */
export const AllocationResponse = OneOrMany(AllocationSummary)
export type AllocationResponse = StaticDecode<typeof AllocationResponse>
