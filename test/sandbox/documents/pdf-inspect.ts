import { inflateSync } from 'node:zlib'

// Just enough PDF reading to check pdfkit's output in tests: direct /Length values, FlateDecode, hex TJ strings.

interface PdfStream {
  dictionary: string
  data: Buffer
}

function streams (pdf: Buffer): PdfStream[] {
  const source = pdf.toString('latin1')
  const found: PdfStream[] = []
  let from = 0
  for (;;) {
    const keyword = source.indexOf('stream\n', from)
    if (keyword === -1) return found
    if (source.slice(Math.max(0, keyword - 3), keyword).trimEnd().endsWith('>>')) {
      const dictionary = source.slice(source.lastIndexOf(' obj', keyword), keyword)
      const length = Number(/\/Length (\d+)/.exec(dictionary)?.[1])
      const start = keyword + 'stream\n'.length
      const raw = pdf.subarray(start, start + length)
      found.push({ dictionary, data: dictionary.includes('/FlateDecode') ? inflateSync(raw) : raw })
      from = start + length
    } else {
      from = keyword + 1
    }
  }
}

/** The text shown by TJ/Tj operators in page content, one line per operator, decoded as Latin-1. */
export function pdfText (pdf: Buffer): string {
  const lines: string[] = []
  for (const { dictionary, data } of streams(pdf)) {
    if (dictionary.includes('/Subtype /Image')) continue
    for (const [, operands] of data.toString('latin1').matchAll(/\[(.*?)\] TJ|(<[0-9a-fA-F]*>) Tj/g)) {
      const hexStrings = (operands ?? '').match(/<[0-9a-fA-F]*>/g) ?? []
      lines.push(hexStrings.map(hex => Buffer.from(hex.slice(1, -1), 'hex').toString('latin1')).join(''))
    }
  }
  return lines.join('\n')
}

export function pdfPageCount (pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page(?![a-zA-Z])/g)?.length ?? 0
}

export function pdfMediaBoxes (pdf: Buffer): number[][] {
  return [...pdf.toString('latin1').matchAll(/\/MediaBox \[([^\]]*)\]/g)]
    .map(([, box]) => (box ?? '').trim().split(/\s+/).map(Number))
}

/** How many times page content paints an XObject (pdfkit's `image()` calls). */
export function pdfImageDraws (pdf: Buffer): number {
  return streams(pdf)
    .filter(({ dictionary }) => !dictionary.includes('/Subtype /Image'))
    .reduce((sum, { data }) => sum + (data.toString('latin1').match(/\/\S+ Do\b/g)?.length ?? 0), 0)
}

/** A document information entry such as Title or CreationDate (pdfkit writes each as its own object). */
export function pdfInfo (pdf: Buffer, key: string): string | undefined {
  const source = pdf.toString('latin1')
  const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(source)?.[1]
  if (ref === undefined) return undefined
  const value = new RegExp(`(?:^|\\n)${ref} 0 obj\\n(.*)\\nendobj`).exec(source)?.[1]
  if (value === undefined) return undefined
  if (value.startsWith('<')) {
    const utf16 = Buffer.from(value.slice(1, -1), 'hex').subarray(2)
    return utf16.swap16().toString('utf16le')
  }
  return value.slice(1, -1).replace(/\\([()\\])/g, '$1')
}
