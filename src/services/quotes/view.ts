import type { Allocation, ConsignmentView, CreateConsignment } from '../../schemas/consignments.js'
import type { ConsignmentRow } from '../store/consignments.js'
import * as documents from '../store/documents.js'
import type { Queryable } from '../store/transaction.js'

/** What a staff consignment keeps in `details` besides its quotes. */
export interface StaffDetails {
  request: CreateConsignment
  requestHash: string
  international: boolean
  allocation?: Allocation
}

export function staffDetails (row: ConsignmentRow): StaffDetails {
  return row.details as unknown as StaffDetails
}

/** A staff consignment as the API shows it, with what is stored of its label and customs documents. */
export async function consignmentView (db: Queryable, row: ConsignmentRow): Promise<ConsignmentView> {
  const details = staffDetails(row)
  const stored = await documents.listDocuments(db, row.id)
  return {
    reference: row.reference ?? '',
    customerReference: details.request.reference,
    state: row.state,
    shippingLocation: row.shippingLocation,
    international: details.international,
    destination: details.request.destination,
    allocation: details.allocation ?? null,
    trackingReferences: row.trackingNumbers,
    label: { stored: stored.filter((d) => d.kind === 'label').map((d) => d.name) },
    customsDocuments: { required: details.international, stored: stored.filter((d) => d.kind === 'customs').length },
    manifestBatchId: row.manifestBatchId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString()
  }
}
