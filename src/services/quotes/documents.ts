import { AppError } from '../../errors.js'
import type { CustomsDocumentList, LabelFormatName } from '../../schemas/consignments.js'
import { LABEL_CONTENT_TYPES, type LabelFormat } from '../pro/schemas/documents.js'
import type { ConsignmentRow } from '../store/consignments.js'
import * as documents from '../store/documents.js'
import { staffConsignment, type QuotesDeps } from './deps.js'
import { LABEL_REFUSED_STATES } from './states.js'
import { staffDetails } from './view.js'

/** A file ready to send: decoded bytes, the content type to send them with, and a download name. */
export interface FileDownload {
  fileName: string
  contentType: string
  data: Buffer
}

/** Content types by format (not as PRO labels them), and the download name's extension. */
export const LABEL_TYPES: Record<LabelFormatName, { contentType: string, extension: string }> = {
  pdf: { contentType: LABEL_CONTENT_TYPES.PDF, extension: 'pdf' },
  png: { contentType: LABEL_CONTENT_TYPES.PNG, extension: 'png' },
  zpl: { contentType: LABEL_CONTENT_TYPES.ZPL, extension: 'zpl' },
  zplii: { contentType: LABEL_CONTENT_TYPES.ZPLII, extension: 'zpl' }
}

function requireAllocated (row: ConsignmentRow, what: string): void {
  if (LABEL_REFUSED_STATES.has(row.state)) {
    throw new AppError('NOT_ALLOCATED', { detail: `${what} of ${row.reference} exist only once it is allocated; it is ${row.state}`, extensions: { state: row.state } })
  }
}

/** The label in `format`: the stored copy when there is one, else fetched from PRO and stored. */
export async function labelFile (deps: QuotesDeps, reference: string, format: LabelFormatName): Promise<FileDownload> {
  const row = await staffConsignment(deps, reference)
  requireAllocated(row, 'Labels')
  const type = LABEL_TYPES[format]
  const stored = await documents.findDocument(deps.pool, row.id, 'label', format)
  let data = stored?.data
  if (data === undefined) {
    const label = await deps.pro.label(row.reference!, format.toUpperCase() as LabelFormat)
    data = label.data
    await documents.saveDocument(deps.pool, row.id, 'label', { name: format, contentType: type.contentType, data })
  }
  return { fileName: `${row.reference}.${type.extension}`, contentType: type.contentType, data }
}

type CustomsType = CustomsDocumentList['documents'][number]['type']

/** PRO names its files `INV_…`, `CN22_…`, `CN23_…` (PRO-API.md §7.6); the store keeps only the name. */
function customsType (name: string): CustomsType {
  if (/^(INV|CommercialInvoice)/i.test(name)) return 'CommercialInvoice'
  if (/^CN22/i.test(name)) return 'CN22'
  if (/^CN23/i.test(name)) return 'CN23'
  return 'Other'
}

/** Stored customs documents, fetched from PRO (and stored) first when none are stored yet. */
async function customsDocuments (deps: QuotesDeps, row: ConsignmentRow): Promise<documents.DocumentInfo[]> {
  const stored = (await documents.listDocuments(deps.pool, row.id)).filter((d) => d.kind === 'customs')
  if (stored.length > 0) return stored
  const fetched = await deps.pro.customsDocuments(row.reference!)
  for (const doc of fetched) {
    await documents.saveDocument(deps.pool, row.id, 'customs', { name: doc.name, contentType: 'application/pdf', data: doc.data })
  }
  return (await documents.listDocuments(deps.pool, row.id)).filter((d) => d.kind === 'customs')
}

export async function listCustomsDocuments (deps: QuotesDeps, reference: string): Promise<CustomsDocumentList> {
  const row = await staffConsignment(deps, reference)
  const required = staffDetails(row).international
  if (!required) return { required, documents: [] }
  requireAllocated(row, 'Customs documents')
  return {
    required,
    documents: (await customsDocuments(deps, row)).map((doc) => ({
      name: doc.name,
      type: customsType(doc.name),
      contentType: doc.contentType,
      url: `/consignments/${row.reference}/customs-documents/${encodeURIComponent(doc.name)}`
    }))
  }
}

export async function customsDocument (deps: QuotesDeps, reference: string, name: string): Promise<FileDownload> {
  const row = await staffConsignment(deps, reference)
  requireAllocated(row, 'Customs documents')
  if (staffDetails(row).international) await customsDocuments(deps, row)
  const doc = await documents.findDocument(deps.pool, row.id, 'customs', name)
  if (!doc) throw new AppError('NOT_FOUND', { detail: `Consignment ${row.reference} has no customs document ${name}` })
  return { fileName: `${doc.name}.pdf`, contentType: doc.contentType, data: doc.data }
}
