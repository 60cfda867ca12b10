import PDFDocument from 'pdfkit'
import { toWinAnsi } from './text.js'

export type Pdf = PDFKit.PDFDocument

export interface PdfSetup {
  size: [number, number] | 'A4' // pages added later, including table overflow pages, get this size
  margin: number
  title: string
  subject: string
  date: Date // stands in for "now" in the metadata, keeping output independent of the wall clock
}

/** Runs `draw` on a fresh document (no pages yet) and resolves with the finished PDF file. */
export async function renderPdf (setup: PdfSetup, draw: (doc: Pdf) => void | Promise<void>): Promise<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    size: setup.size,
    margin: setup.margin,
    info: {
      Title: setup.title,
      Subject: setup.subject,
      Creator: 'PRO sandbox',
      CreationDate: setup.date,
      ModDate: setup.date
    }
  })
  const chunks: Buffer[] = []
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  await draw(doc)
  doc.end()
  return await finished
}

export interface LineStyle {
  size: number
  width: number
  bold?: boolean
  align?: 'left' | 'center' | 'right'
}

/** One line of text clipped to its box with an ellipsis, so long data never wraps or flows onto a new page. */
export function writeLine (doc: Pdf, text: string, x: number, y: number, style: LineStyle): void {
  doc.font(style.bold === true ? 'Helvetica-Bold' : 'Helvetica').fontSize(style.size)
  doc.text(toWinAnsi(text), x, y, {
    width: style.width,
    height: style.size * 1.2,
    ellipsis: true,
    align: style.align ?? 'left'
  })
}

export function horizontalRule (doc: Pdf, x: number, y: number, width: number): void {
  doc.moveTo(x, y).lineTo(x + width, y).lineWidth(1).stroke()
}
