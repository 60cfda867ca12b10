import { Type, type Static, type StaticDecode } from '@sinclair/typebox'
import { BulkOperationResults, ConsignmentReferences, Maybe } from './common.js'

/* Manifest consignments and manifest from query (PRO-API.md §7.7). */

/** All filters optional; `States` spelled without spaces, e.g. `Allocated`, `ManifestFailed`, `ReadyToShip`. */
export const ManifestFromQueryRequest = Type.Object({
  ShippingLocationReferences: Type.Optional(Type.Array(Type.String())),
  States: Type.Optional(Type.Array(Type.String())),
  Carriers: Type.Optional(Type.Array(Type.String())),
  LabelsPrinted: Type.Optional(Type.Boolean()),
  ShippingDate: Type.Optional(Type.String())
})
export type ManifestFromQueryRequest = Static<typeof ManifestFromQueryRequest>

/** Consignments are only queued: their final state must be read back later. */
export const ManifestFromQueryResponse = Type.Object({
  Message: Maybe(Type.String()),
  FailedConsignments: Maybe(Type.Array(Type.String()))
})
export type ManifestFromQueryResponse = Static<typeof ManifestFromQueryResponse>

export const ManifestRequest = ConsignmentReferences
export type ManifestRequest = Static<typeof ManifestRequest>

export const ManifestResponse = BulkOperationResults
export type ManifestResponse = StaticDecode<typeof ManifestResponse>
