import bwipjs from 'bwip-js'
import { code128Modules } from './barcode.js'
import { labelPages, type LabelPage } from './label-content.js'
import { toAscii } from './text.js'
import type { LabelData } from './types.js'

// A 4×6 inch label at 203 dpi, in pixels; packages are stacked top to bottom in one image.
const DPI = 203
const LABEL_WIDTH = 812
const LABEL_HEIGHT = 1218
const MARGIN = 30
const CONTENT_WIDTH = LABEL_WIDTH - 2 * MARGIN
const BARCODE_TOP = 905
const FONT = 'OCR-B' // the font bwip-js bundles; it covers printable ASCII only
const INK = '000000'

/** Each label is a 4 MB RGBA canvas while drawing, so very large consignments get their first labels only. */
export const MAX_PNG_LABELS = 10

type Canvas = ReturnType<typeof bwipjs.drawingZlibPng>

function textWidth (canvas: Canvas, text: string, size: number): number {
  return canvas.measure(text, FONT, size, size).width
}

function fitWidth (canvas: Canvas, text: string, size: number, maxWidth: number): string {
  let fitted = toAscii(text)
  while (fitted !== '' && textWidth(canvas, fitted, size) > maxWidth) {
    fitted = fitted.length > 3 ? fitted.slice(0, -4) + '...' : ''
  }
  return fitted
}

function writeText (canvas: Canvas, text: string, baseline: number, size: number, align: 'left' | 'center' | 'right' = 'left', maxWidth = CONTENT_WIDTH): void {
  const fitted = fitWidth(canvas, text, size, maxWidth)
  const width = textWidth(canvas, fitted, size)
  const x = align === 'left' ? MARGIN : align === 'right' ? LABEL_WIDTH - MARGIN - width : (LABEL_WIDTH - width) / 2
  canvas.text(Math.floor(x), baseline, fitted, INK, { name: FONT, width: size, height: size, dx: 0 })
}

function rule (canvas: Canvas, y: number): void {
  canvas.line(MARGIN, y, LABEL_WIDTH - MARGIN, y, 3, INK)
}

/** Renders the Code 128 bars through a view of the shared canvas shifted to the label's barcode slot. */
function drawBarcode (canvas: Canvas, trackingNumber: string, top: number): void {
  const modules = code128Modules(trackingNumber)
  const moduleWidth = Math.min(4, Math.floor(CONTENT_WIDTH / modules))
  if (moduleWidth < 1) throw new RangeError(`tracking number ${trackingNumber} is too long for a Code 128 label`)
  let left = 0
  bwipjs.render({ bcid: 'code128', text: toAscii(trackingNumber), scaleX: moduleWidth, scaleY: 3, height: 24 }, {
    scale: (sx, sy) => canvas.scale(sx, sy),
    measure: (text, font, width, height) => canvas.measure(text, font, width, height),
    init: (width) => { left = Math.floor((LABEL_WIDTH - width) / 2) },
    line: (x0, y0, x1, y1, lw, rgb) => { canvas.line(x0 + left, y0 + top, x1 + left, y1 + top, lw, rgb) },
    polygon: (points) => { canvas.polygon(points.map(([x, y]) => [x + left, y + top])) },
    fill: (rgb) => { canvas.fill(rgb) },
    text: (x, y, text, rgb, font) => { canvas.text(x + left, y + top, text, rgb, font) },
    hexagon: () => { throw new Error('Code 128 draws no hexagons') },
    ellipse: () => { throw new Error('Code 128 draws no ellipses') },
    end: () => undefined
  })
}

function drawLabel (canvas: Canvas, page: LabelPage, top: number): void {
  const at = (y: number): number => top + y
  if (top > 0) canvas.line(0, top, LABEL_WIDTH - 1, top, 2, INK)
  writeText(canvas, page.carrier, at(70), 44, 'left', 540)
  writeText(canvas, page.packageCaption, at(70), 36, 'right', 200)
  writeText(canvas, page.service, at(115), 30)
  rule(canvas, at(135))
  writeText(canvas, 'FROM', at(168), 22)
  page.from.slice(0, 6).forEach((line, index) => { writeText(canvas, line, at(200 + index * 30), 24) })
  rule(canvas, at(370))
  writeText(canvas, 'DELIVER TO', at(403), 22)
  page.to.slice(0, 7).forEach((line, index) => { writeText(canvas, line, at(445 + index * 42), 34) })
  rule(canvas, at(720))
  page.details.forEach((line, index) => { writeText(canvas, line, at(760 + index * 34), 26) })
  rule(canvas, at(885))
  drawBarcode(canvas, page.trackingNumber, at(BARCODE_TOP))
  writeText(canvas, page.trackingNumber, at(1160), 36, 'center')
}

/** One 812×1218 px (4×6 in at 203 dpi) label per package, stacked vertically in a single PNG. */
export async function renderPngLabel (data: LabelData): Promise<Buffer> {
  const pages = labelPages(data).slice(0, MAX_PNG_LABELS)
  const canvas = bwipjs.drawingZlibPng()
  // `dpi` (written to the pHYs chunk) is a bwip-js option its typings leave out.
  const canvasOptions = { bcid: 'code128', text: ' ', paddingleft: 0, paddingright: 0, paddingtop: 0, paddingbottom: 0, backgroundcolor: 'FFFFFF', dpi: DPI }
  canvas.setopts?.(canvasOptions)
  canvas.init(LABEL_WIDTH, LABEL_HEIGHT * pages.length)
  pages.forEach((page, index) => { drawLabel(canvas, page, index * LABEL_HEIGHT) })
  return await canvas.end()
}
