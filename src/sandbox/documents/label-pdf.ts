import { code128Png } from './barcode.js'
import { labelPages, type LabelPage } from './label-content.js'
import { horizontalRule, renderPdf, writeLine, type LineStyle, type Pdf } from './pdf-output.js'
import { parseIsoDate } from './text.js'
import type { LabelData } from './types.js'

// 4×6 inch thermal label, in PDF points.
const PAGE_WIDTH = 288
const PAGE_HEIGHT = 432
const MARGIN = 12
const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN

function write (doc: Pdf, text: string, y: number, style: Omit<LineStyle, 'width'> & { width?: number }): void {
  writeLine(doc, text, MARGIN, y, { width: CONTENT_WIDTH, ...style })
}

function addressBlock (doc: Pdf, heading: string, lines: string[], top: number, maxLines: number, size: number): void {
  write(doc, heading, top, { size: 7, bold: true })
  lines.slice(0, maxLines).forEach((line, index) => {
    write(doc, line, top + 10 + index * size * 1.2, { size, bold: index === 0 })
  })
}

async function drawPage (doc: Pdf, page: LabelPage): Promise<void> {
  doc.addPage()
  write(doc, page.carrier, MARGIN, { size: 14, bold: true, width: 190 })
  write(doc, page.packageCaption, MARGIN + 2, { size: 11, bold: true, align: 'right' })
  write(doc, page.service, 30, { size: 10 })
  horizontalRule(doc, MARGIN, 46, CONTENT_WIDTH)
  addressBlock(doc, 'FROM', page.from, 50, 6, 8)
  horizontalRule(doc, MARGIN, 122, CONTENT_WIDTH)
  addressBlock(doc, 'DELIVER TO', page.to, 126, 7, 11)
  horizontalRule(doc, MARGIN, 232, CONTENT_WIDTH)
  page.details.forEach((line, index) => { write(doc, line, 238 + index * 11.5, { size: 9 }) })
  horizontalRule(doc, MARGIN, 288, CONTENT_WIDTH)
  doc.image(await code128Png(page.trackingNumber), MARGIN + 8, 296, {
    fit: [CONTENT_WIDTH - 16, 80],
    align: 'center',
    valign: 'center'
  })
  write(doc, page.trackingNumber, 382, { size: 12, bold: true, align: 'center' })
}

/** One 4×6 in page per package. */
export async function renderPdfLabel (data: LabelData): Promise<Buffer> {
  const pages = labelPages(data)
  return await renderPdf({
    size: [PAGE_WIDTH, PAGE_HEIGHT],
    margin: MARGIN,
    title: `Label ${data.consignmentReference}`,
    subject: `${data.carrierName} ${data.serviceName}`,
    date: parseIsoDate(data.shipDate, 'shipDate')
  }, async doc => {
    for (const page of pages) await drawPage(doc, page)
  })
}
