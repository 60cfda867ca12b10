import { addressLines, toWinAnsi } from './text.js'
import { writeLine, type Pdf } from './pdf-output.js'
import type { LabelAddress } from './types.js'

export interface TableColumn {
  heading: string
  width: number
  numeric?: boolean
}

/** Heading plus address lines in a fixed-height slot; returns the y just below the slot. */
export function partyBlock (doc: Pdf, heading: string, address: LabelAddress, extra: string[], box: { x: number, y: number, width: number, maxLines: number, size: number }): number {
  const lineHeight = box.size * 1.25
  writeLine(doc, heading, box.x, box.y, { size: box.size - 1, bold: true, width: box.width })
  const lines = [...addressLines(address), ...extra].slice(0, box.maxLines)
  lines.forEach((line, index) => {
    writeLine(doc, line, box.x, box.y + lineHeight * (index + 1), { size: box.size, width: box.width, bold: index === 0 })
  })
  return box.y + lineHeight * (box.maxLines + 1)
}

/** Label/value pairs, one per line; returns the y just below the last pair. */
export function fieldList (doc: Pdf, fields: Array<[string, string]>, box: { x: number, y: number, labelWidth: number, valueWidth: number, size: number }): number {
  const lineHeight = box.size * 1.35
  fields.forEach(([label, value], index) => {
    const y = box.y + index * lineHeight
    writeLine(doc, label, box.x, y, { size: box.size, bold: true, width: box.labelWidth })
    writeLine(doc, value, box.x + box.labelWidth, y, { size: box.size, width: box.valueWidth })
  })
  return box.y + fields.length * lineHeight
}

/**
 * A bordered table with a shaded heading row and a bold last row (the totals); rows that no longer fit
 * continue on a new page of the document's size. Returns the y just below the table.
 */
export function goodsTable (doc: Pdf, columns: TableColumn[], rows: string[][], totals: string[], at: { x: number, y: number, size: number }): number {
  const align = (column: TableColumn): 'left' | 'right' => column.numeric === true ? 'right' : 'left'
  doc.font('Helvetica').fontSize(at.size)
  const table = doc.table({
    position: { x: at.x, y: at.y },
    columnStyles: columns.map(column => ({ width: column.width, align: { x: align(column), y: 'top' } })),
    defaultStyle: { padding: 3, border: 0.5 }
  })
  table.row(columns.map(column => ({ text: toWinAnsi(column.heading), font: { src: 'Helvetica-Bold' }, backgroundColor: '#e6e6e6' })))
  for (const row of rows) table.row(row.map(toWinAnsi))
  table.row(totals.map(text => ({ text: toWinAnsi(text), font: { src: 'Helvetica-Bold' } })))
  table.end()
  return doc.y
}

/** Starts a new page when the next `height` points would not fit above the bottom margin; returns the y to draw at. */
export function reserve (doc: Pdf, y: number, height: number): number {
  if (y + height <= doc.page.height - doc.page.margins.bottom) return y
  doc.addPage()
  return doc.page.margins.top
}

export function signatureLine (doc: Pdf, x: number, y: number, width: number, date: string): void {
  const half = width / 2 - 10
  doc.moveTo(x, y + 18).lineTo(x + half, y + 18).lineWidth(0.5).stroke()
  doc.moveTo(x + half + 20, y + 18).lineTo(x + width, y + 18).lineWidth(0.5).stroke()
  writeLine(doc, date, x, y + 6, { size: 8, width: half })
  writeLine(doc, 'Signature of sender', x + half + 20, y + 21, { size: 7, width: half })
  writeLine(doc, 'Date', x, y + 21, { size: 7, width: half })
}
