import { assertCustomsLines, customsTotals, itemCategory, lineCells } from './customs-content.js'
import { fieldList, goodsTable, partyBlock, reserve, signatureLine, type TableColumn } from './customs-layout.js'
import { renderPdf, writeLine } from './pdf-output.js'
import { formatKg, formatMoney, parseIsoDate, singleLine } from './text.js'
import type { CustomsDocumentData } from './types.js'

const MARGIN = 40
const CONTENT_WIDTH = 515 // A4 width (595.28 pt) less both margins, rounded down
const HALF_WIDTH = 250

const COLUMNS: TableColumn[] = [
  { heading: 'Description of goods', width: 165 },
  { heading: 'HS code', width: 60 },
  { heading: 'Origin', width: 40 },
  { heading: 'Qty', width: 35, numeric: true },
  { heading: 'Unit value', width: 70, numeric: true },
  { heading: 'Total value', width: 80, numeric: true },
  { heading: 'Net weight', width: 65, numeric: true }
]

const DECLARATION = 'I declare that the information on this invoice is true and correct, that the goods listed ' +
  'are those shipped in this consignment and that their stated origin is accurate.'

/** An A4 commercial invoice: parties, terms, a table of goods with totals, a declaration and a signature line. */
export async function renderCommercialInvoice (data: CustomsDocumentData): Promise<Buffer> {
  assertCustomsLines(data)
  const totals = customsTotals(data.lines)
  const currency = singleLine(data.currency)
  const { category, explanation } = itemCategory(data.reasonForExport)
  return await renderPdf({
    size: 'A4',
    margin: MARGIN,
    title: `Commercial invoice ${data.invoiceNumber}`,
    subject: `Consignment ${data.consignmentReference}`,
    date: parseIsoDate(data.invoiceDate, 'invoiceDate')
  }, doc => {
    doc.addPage()
    writeLine(doc, 'COMMERCIAL INVOICE', MARGIN, MARGIN, { size: 18, bold: true, width: CONTENT_WIDTH })
    const eori = data.shipperEori === undefined ? [] : [`EORI: ${data.shipperEori}`]
    const party = { y: 80, width: HALF_WIDTH, maxLines: 8, size: 9 }
    partyBlock(doc, 'SHIPPER / EXPORTER', data.from, eori, { ...party, x: MARGIN })
    const partiesEnd = partyBlock(doc, 'CONSIGNEE', data.to, [], { ...party, x: MARGIN + CONTENT_WIDTH - HALF_WIDTH })
    const fieldsEnd = fieldList(doc, [
      ['Invoice number', data.invoiceNumber],
      ['Invoice date', data.invoiceDate],
      ['Consignment', data.consignmentReference],
      ['Currency', currency],
      ['Terms of sale', data.shippingTerms ?? 'Not stated'],
      ['Reason for export', explanation ?? category]
    ], { x: MARGIN, y: partiesEnd + 10, labelWidth: 110, valueWidth: CONTENT_WIDTH - 110, size: 9 })
    const rows = data.lines.map(line => lineCells(line, currency))
    const totalsRow = ['Total', '', '', String(totals.quantity), '', formatMoney(totals.value, currency), formatKg(totals.weightKg)]
    const tableEnd = goodsTable(doc, COLUMNS, rows, totalsRow, { x: MARGIN, y: fieldsEnd + 14, size: 8 })
    const declarationTop = reserve(doc, tableEnd + 20, 90)
    doc.font('Helvetica').fontSize(9).text(DECLARATION, MARGIN, declarationTop, { width: CONTENT_WIDTH })
    signatureLine(doc, MARGIN, declarationTop + 40, CONTENT_WIDTH, data.invoiceDate)
  })
}
