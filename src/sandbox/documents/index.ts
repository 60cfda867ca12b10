import { renderCnDeclaration } from './cn-declaration.js'
import { renderCommercialInvoice } from './commercial-invoice.js'
import { renderPdfLabel } from './label-pdf.js'
import { renderPngLabel } from './label-png.js'
import { renderZplLabel } from './label-zpl.js'
import type { CustomsDocumentData, CustomsDocumentKind, LabelData, LabelFormat, RenderedLabel } from './types.js'

export type {
  CustomsDocumentData,
  CustomsDocumentKind,
  CustomsLine,
  LabelAddress,
  LabelData,
  LabelFormat,
  LabelPackage,
  RenderedLabel
} from './types.js'
export { MAX_PNG_LABELS } from './label-png.js'

/** Renders the labels of a consignment, one per package, as the file PRO would return for `format`. */
export async function renderLabel (format: LabelFormat, data: LabelData): Promise<RenderedLabel> {
  switch (format) {
    case 'PDF':
      return { contentType: 'application/pdf', data: await renderPdfLabel(data) }
    case 'PNG':
      return { contentType: 'image/png', data: await renderPngLabel(data) }
    case 'ZPL':
    case 'ZPLII':
      return { contentType: 'application/zpl', data: renderZplLabel(format, data) }
    default:
      throw new RangeError(`unknown label format ${String(format)}`)
  }
}

/** Renders a customs document as a PDF file. */
export async function renderCustomsDocument (kind: CustomsDocumentKind, data: CustomsDocumentData): Promise<Buffer> {
  switch (kind) {
    case 'CommercialInvoice':
      return await renderCommercialInvoice(data)
    case 'CN22':
    case 'CN23':
      return await renderCnDeclaration(kind, data)
    default:
      throw new RangeError(`unknown customs document kind ${String(kind)}`)
  }
}
