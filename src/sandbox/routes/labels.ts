import type { FastifyInstance } from 'fastify'
import { crossesBorder, customsData, declarationKind, labelData } from '../domain/documents.js'
import type { LabelFormat } from '../documents/index.js'
import { badState, invalidField } from '../errors.js'
import type { Consignment } from '../model.js'
import type { ReferenceParams, RouteDeps } from './deps.js'

/** The PDF and barcode libraries load on the first document asked for, not at every start. */
const renderers = () => import('../documents/index.js')

const LABEL_FORMATS: readonly LabelFormat[] = ['PDF', 'PNG', 'ZPL', 'ZPLII']

function labelFormat (value: string): LabelFormat {
  const format = LABEL_FORMATS.find(candidate => candidate === value.toUpperCase())
  if (format === undefined) throw invalidField('InvalidLabelFormat', 'labelFormat', `Label format ${value} is not one of ${LABEL_FORMATS.join(', ')}.`)
  return format
}

/** Labels and customs documents exist only for allocated consignments (PRO-API.md §6). */
function requireAllocated (consignment: Consignment, what: string): void {
  if (consignment.allocation === null || consignment.state === 'Cancelled') {
    throw badState(`${what} for consignment ${consignment.reference} are not available: it is ${consignment.state}, not allocated.`)
  }
}

/** PRO-API.md §7.6: labels (which mark the consignment's labels printed) and customs documents. */
export function registerLabelRoutes (app: FastifyInstance, { context, pro }: RouteDeps): void {
  async function label (reference: string, format: LabelFormat): Promise<{ File: string, ContentType: string }> {
    const consignment = context.state.consignment(reference)
    requireAllocated(consignment, 'Labels')
    const rendered = await (await renderers()).renderLabel(format, labelData(consignment))
    if (!consignment.labelsPrinted) {
      consignment.labelsPrinted = true
      consignment.labelsFirstPrintedAt = context.now()
    }
    // PRO-API.md §7.6: every label call answers application/pdf, whatever the format of the file.
    return { File: rendered.data.toString('base64'), ContentType: 'application/pdf' }
  }

  app.get<ReferenceParams>('/labels/:reference', pro('labels'), async request => {
    return await label(request.params.reference, 'PDF')
  })

  app.get<{ Params: { reference: string, format: string } }>('/labels/:reference/:format', pro('labels'), async request => {
    const consignment = context.state.consignment(request.params.reference)
    return await label(consignment.reference, labelFormat(request.params.format))
  })

  app.get<ReferenceParams>('/consignments/docs/:reference', pro('customsDocs'), async request => {
    const consignment = context.state.consignment(request.params.reference)
    requireAllocated(consignment, 'Customs documents')
    if (!crossesBorder(consignment)) return { CommercialInvoiceDocuments: null, CN22Documents: null, CN23Documents: null }
    const data = customsData(consignment, context.now())
    const kind = declarationKind(data)
    const { renderCustomsDocument } = await renderers()
    const [invoice, declaration] = await Promise.all([renderCustomsDocument('CommercialInvoice', data), renderCustomsDocument(kind, data)])
    const declarationEntry = [{ Key: `${kind}_${consignment.reference}`, Value: declaration.toString('base64') }]
    return {
      CommercialInvoiceDocuments: [{ Key: `INV_${consignment.reference}`, Value: invoice.toString('base64') }],
      CN22Documents: kind === 'CN22' ? declarationEntry : null,
      CN23Documents: kind === 'CN23' ? declarationEntry : null
    }
  })
}
