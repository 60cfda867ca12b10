import { labelPages, type LabelPage } from './label-content.js'
import { toAscii, truncate } from './text.js'
import type { LabelData } from './types.js'

// 4×6 inch label at 203 dpi, in dots.
const LABEL_WIDTH = 812
const LABEL_HEIGHT = 1218
const MARGIN = 30
const CONTENT_WIDTH = LABEL_WIDTH - 2 * MARGIN

export type ZplDialect = 'ZPL' | 'ZPLII'

/**
 * Field data goes through ^FH (hex escapes introduced by `_`), so the ZPL control characters `^` and `~`,
 * and the escape character itself, are written as hex and can never end a field or start a command.
 * ZPL II labels switch to UTF-8 (^CI28); plain ZPL stays in the printer's default ASCII code page.
 */
function fieldData (dialect: ZplDialect, text: string): string {
  const printable = dialect === 'ZPLII' ? text : toAscii(text)
  const escaped = printable.replace(/[_^~]/g, ch => `_${ch.charCodeAt(0).toString(16).toUpperCase()}`)
  return `^FH_^FD${escaped}^FS`
}

function textField (dialect: ZplDialect, text: string, x: number, y: number, height: number, width = CONTENT_WIDTH): string {
  // ^A0 glyphs average a little over half their height in width; this keeps a line inside its box.
  const maxChars = Math.floor(width / (height * 0.55))
  return `^FO${x},${y}^A0N,${height},${height}${fieldData(dialect, truncate(text, maxChars))}`
}

function rightAlignedField (dialect: ZplDialect, text: string, y: number, height: number, width: number): string {
  return `^FO${LABEL_WIDTH - MARGIN - width},${y}^A0N,${height},${height}^FB${width},1,0,R,0${fieldData(dialect, text)}`
}

function rule (y: number): string {
  return `^FO${MARGIN},${y}^GB${CONTENT_WIDTH},3,3^FS`
}

function barcode (dialect: ZplDialect, trackingNumber: string, y: number): string {
  // Worst case Code 128 width (subset B): start + data + check + stop characters of 11 modules, stop has 13.
  const modules = 11 * (trackingNumber.length + 2) + 13
  const moduleWidth = Math.max(1, Math.min(4, Math.floor(CONTENT_WIDTH / modules)))
  const x = Math.max(MARGIN, Math.floor((LABEL_WIDTH - modules * moduleWidth) / 2))
  // ZPL II printers pick Code 128 subsets automatically (mode A); plain ZPL uses no mode.
  const mode = dialect === 'ZPLII' ? 'A' : 'N'
  return `^FO${x},${y}^BY${moduleWidth},3,200^BCN,200,Y,N,N,${mode}${fieldData(dialect, trackingNumber)}`
}

function labelBlock (dialect: ZplDialect, page: LabelPage): string {
  const header = dialect === 'ZPLII'
    ? ['^XA', '^CI28', `^PW${LABEL_WIDTH}`, `^LL${LABEL_HEIGHT}`, '^LH0,0', '^PON']
    : ['^XA', '^LH0,0']
  return [
    ...header,
    textField(dialect, page.carrier, MARGIN, 30, 44, 540),
    rightAlignedField(dialect, page.packageCaption, 34, 36, 200),
    textField(dialect, page.service, MARGIN, 84, 30),
    rule(130),
    textField(dialect, 'FROM', MARGIN, 145, 22),
    ...page.from.slice(0, 6).map((line, index) => textField(dialect, line, MARGIN, 175 + index * 30, 26)),
    rule(365),
    textField(dialect, 'DELIVER TO', MARGIN, 380, 22),
    ...page.to.slice(0, 7).map((line, index) => textField(dialect, line, MARGIN, 410 + index * 42, 36)),
    rule(715),
    ...page.details.map((line, index) => textField(dialect, line, MARGIN, 735 + index * 34, 28)),
    rule(880),
    barcode(dialect, page.trackingNumber, 910),
    '^XZ'
  ].join('\n')
}

/** One ^XA … ^XZ label format per package. */
export function renderZplLabel (dialect: ZplDialect, data: LabelData): Buffer {
  const blocks = labelPages(data).map(page => labelBlock(dialect, page))
  return Buffer.from(blocks.join('\n') + '\n', 'utf8')
}
