import * as documents from '../store/documents.js'
import type { ConsignmentRow } from '../store/consignments.js'
import type { StepDeps } from './deps.js'

/**
 * Fetches and stores each consignment's label in LABEL_FORMAT, and its customs documents when it
 * leaves the origin country (`international`, decided by the caller from what it knows of the
 * shipment). Reads only: repeating it after a crash just fetches again.
 */
export async function labelConsignments (deps: StepDeps, rows: ConsignmentRow[], international: boolean): Promise<void> {
  const name = deps.labelFormat.toLowerCase()
  for (const row of rows) {
    if (row.reference === null) continue
    if (!await documents.findDocument(deps.pool, row.id, 'label', name)) {
      const label = await deps.pro.label(row.reference, deps.labelFormat)
      await deps.write((db) => documents.saveDocument(db, row.id, 'label', { name, contentType: label.contentType, data: label.data }))
    }
    if (international) await storeCustomsDocuments(deps, row)
  }
}
/** Fetched whole each time (a read): an interrupted earlier fetch may have stored only some. */
async function storeCustomsDocuments (deps: StepDeps, row: ConsignmentRow): Promise<void> {
  const docs = await deps.pro.customsDocuments(row.reference!)
  await deps.write(async (db) => {
    for (const doc of docs) await documents.saveDocument(db, row.id, 'customs', { name: doc.name, contentType: 'application/pdf', data: doc.data })
  })
}
