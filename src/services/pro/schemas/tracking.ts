import { Type, type Static } from '@sinclair/typebox'
import { Maybe } from './common.js'

/* Tracking (PRO-API.md §7.8): events normalised across carriers, per package and leg. */

export const TrackingEvent = Type.Object({
  TimeStamp: Type.String(),
  Code: Type.String(),
  Description: Maybe(Type.String()),
  SignedBy: Maybe(Type.String()),
  Location: Maybe(Type.String())
})
export type TrackingEvent = Static<typeof TrackingEvent>

export const TrackingResponse = Type.Object({
  ConsignmentReferenceForAllLegsAssignedByMpd: Type.String(),
  TrackedPackages: Type.Array(Type.Object({
    PackageReferenceForAllLegsAssignedByMpd: Maybe(Type.String()),
    Legs: Type.Array(Type.Object({
      CarrierServiceName: Maybe(Type.String()),
      Events: Type.Array(TrackingEvent)
    }))
  }))
})
export type TrackingResponse = Static<typeof TrackingResponse>
