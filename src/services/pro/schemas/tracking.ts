import { Type, type Static, type StaticDecode } from '@sinclair/typebox'
import { List, Maybe } from './common.js'

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
  TrackedPackages: List(Type.Object({
    PackageReferenceForAllLegsAssignedByMpd: Maybe(Type.String()),
    Legs: List(Type.Object({
      CarrierServiceName: Maybe(Type.String()),
      Events: List(TrackingEvent)
    }))
  }))
})
export type TrackingResponse = StaticDecode<typeof TrackingResponse>
