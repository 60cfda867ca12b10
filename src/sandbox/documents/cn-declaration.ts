import { assertCustomsLines, customsTotals, ITEM_CATEGORIES, itemCategory, lineValue, lineWeightKg, type ItemCategory } from './customs-content.js'
import { fieldList, goodsTable, partyBlock, reserve, signatureLine, type TableColumn } from './customs-layout.js'
import { horizontalRule, renderPdf, writeLine, type Pdf } from './pdf-output.js'
import { formatKg, parseIsoDate, singleLine } from './text.js'
import type { CustomsDocumentData } from './types.js'

export type CnForm = 'CN22' | 'CN23'

// CN22 is printed as a 4×6 in label to stick on the parcel; CN23 is an A4 form.
interface FormLayout {
  size: [number, number] | 'A4'
  margin: number
  width: number
  scale: number // text size multiplier relative to the CN22 sizes
  columns: (currency: string) => TableColumn[]
}

const LAYOUTS: Record<CnForm, FormLayout> = {
  CN22: {
    size: [288, 432],
    margin: 12,
    width: 264,
    scale: 1,
    columns: currency => [
      { heading: 'Quantity and description', width: 100 },
      { heading: 'HS code', width: 44 },
      { heading: 'Origin', width: 30 },
      { heading: 'Weight', width: 40, numeric: true },
      { heading: `Value (${currency})`, width: 50, numeric: true }
    ]
  },
  CN23: {
    size: 'A4',
    margin: 40,
    width: 515,
    scale: 1.3,
    columns: currency => [
      { heading: 'Detailed description of contents', width: 185 },
      { heading: 'Quantity', width: 45, numeric: true },
      { heading: 'Net weight', width: 65, numeric: true },
      { heading: `Value (${currency})`, width: 75, numeric: true },
      { heading: 'HS tariff number', width: 85 },
      { heading: 'Country of origin', width: 60 }
    ]
  }
}

const CATEGORY_COLUMNS = 3

const DECLARATION = 'I confirm that the details given in this declaration are correct and that this item holds no ' +
  'dangerous goods or goods that postal or customs rules forbid.'

function goodsRows (form: CnForm, data: CustomsDocumentData): { rows: string[][], totals: string[] } {
  const totals = customsTotals(data.lines)
  const money = (amount: number): string => amount.toFixed(2)
  if (form === 'CN22') {
    return {
      rows: data.lines.map(line => [
        `${line.quantity} x ${singleLine(line.description)}`,
        singleLine(line.hsCode ?? ''),
        singleLine(line.countryOfOrigin),
        formatKg(lineWeightKg(line)),
        money(lineValue(line))
      ]),
      totals: ['Total', '', '', formatKg(totals.weightKg), money(totals.value)]
    }
  }
  return {
    rows: data.lines.map(line => [
      singleLine(line.description),
      String(line.quantity),
      formatKg(lineWeightKg(line)),
      money(lineValue(line)),
      singleLine(line.hsCode ?? ''),
      singleLine(line.countryOfOrigin)
    ]),
    totals: ['Total', String(totals.quantity), formatKg(totals.weightKg), money(totals.value), '', '']
  }
}

/** The six item categories as tick boxes, the chosen one crossed; returns the y below them. */
function categoryBoxes (doc: Pdf, layout: FormLayout, selected: ItemCategory, y: number): number {
  const size = 7 * layout.scale
  const columnWidth = layout.width / CATEGORY_COLUMNS
  ITEM_CATEGORIES.forEach((category, index) => {
    const x = layout.margin + (index % CATEGORY_COLUMNS) * columnWidth
    const top = y + Math.floor(index / CATEGORY_COLUMNS) * size * 2
    doc.rect(x, top, size, size).lineWidth(0.5).stroke()
    if (category === selected) {
      doc.moveTo(x, top).lineTo(x + size, top + size).moveTo(x + size, top).lineTo(x, top + size).stroke()
    }
    writeLine(doc, category, x + size + 3, top, { size, width: columnWidth - size - 4 })
  })
  return y + Math.ceil(ITEM_CATEGORIES.length / CATEGORY_COLUMNS) * size * 2
}

function header (doc: Pdf, form: CnForm, layout: FormLayout): number {
  const { margin, width, scale } = layout
  writeLine(doc, 'CUSTOMS DECLARATION', margin, margin, { size: 11 * scale, bold: true, width: width * 0.7 })
  writeLine(doc, form === 'CN22' ? 'CN 22' : 'CN 23', margin, margin, { size: 14 * scale, bold: true, width, align: 'right' })
  writeLine(doc, 'May be opened officially', margin, margin + 16 * scale, { size: 7 * scale, width })
  return margin + 28 * scale
}

/** Sender/addressee blocks (CN23 only) and reference fields; returns the y below them. */
function references (doc: Pdf, form: CnForm, layout: FormLayout, data: CustomsDocumentData, y: number): number {
  const { margin, width, scale } = layout
  const eori = data.shipperEori === undefined ? [] : [`EORI: ${data.shipperEori}`]
  if (form === 'CN22') {
    const refs = [`Invoice ${data.invoiceNumber}`, `Consignment ${data.consignmentReference}`, ...eori].join('  |  ')
    writeLine(doc, refs, margin, y, { size: 7, width })
    return y + 12
  }
  const party = { y, width: width / 2 - 10, maxLines: 7, size: 9 }
  partyBlock(doc, 'FROM (SENDER)', data.from, eori, { ...party, x: margin })
  const partiesEnd = partyBlock(doc, 'TO (ADDRESSEE)', data.to, [], { ...party, x: margin + width / 2 + 10 })
  return fieldList(doc, [
    ['Attached invoice', data.invoiceNumber],
    ['Consignment', data.consignmentReference],
    ['Terms of delivery', data.shippingTerms ?? 'Not stated'],
    ['Currency', singleLine(data.currency)]
  ], { x: margin, y: partiesEnd + 6, labelWidth: 100, valueWidth: width - 100, size: 6.5 * scale + 0.5 })
}

/** A CN22 (value up to GBP 270, label-sized) or CN23 (A4) customs declaration. */
export async function renderCnDeclaration (form: CnForm, data: CustomsDocumentData): Promise<Buffer> {
  assertCustomsLines(data)
  const layout = LAYOUTS[form]
  const { margin, width, scale } = layout
  const { category, explanation } = itemCategory(data.reasonForExport)
  const { rows, totals } = goodsRows(form, data)
  return await renderPdf({
    size: layout.size,
    margin,
    title: `${form} customs declaration ${data.invoiceNumber}`,
    subject: `Consignment ${data.consignmentReference}`,
    date: parseIsoDate(data.invoiceDate, 'invoiceDate')
  }, doc => {
    doc.addPage()
    let y = header(doc, form, layout)
    y = references(doc, form, layout, data, y) + 4
    horizontalRule(doc, margin, y, width)
    y = categoryBoxes(doc, layout, category, y + 6)
    if (explanation !== undefined) {
      writeLine(doc, `Explanation: ${explanation}`, margin, y, { size: 7 * scale, width })
      y += 10 * scale
    }
    y = goodsTable(doc, layout.columns(singleLine(data.currency)), rows, totals, { x: margin, y: y + 4, size: 7 * scale })
    y = reserve(doc, y + 8, 60 * scale)
    doc.font('Helvetica').fontSize(6.5 * scale).text(DECLARATION, margin, y, { width })
    signatureLine(doc, margin, y + 18 * scale, width, data.invoiceDate)
  })
}
