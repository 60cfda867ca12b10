import type { LabelAddress } from './types.js'

// Letters that Unicode decomposition leaves alone but that have an obvious plain-Latin spelling.
const SPELLED_OUT: Readonly<Record<string, string>> = {
  ß: 'ss',
  Æ: 'AE',
  æ: 'ae',
  Œ: 'OE',
  œ: 'oe',
  Ø: 'O',
  ø: 'o',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
  Ð: 'D',
  ð: 'd',
  Þ: 'Th',
  þ: 'th',
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
  '€': 'EUR'
}

// Characters outside Latin-1 that the PDF standard fonts' WinAnsi encoding still covers.
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ')

const isPrintableAscii = (ch: string): boolean => ch >= ' ' && ch <= '~'

const isWinAnsi = (ch: string): boolean =>
  isPrintableAscii(ch) || (ch >= '\u00a0' && ch <= '\u00ff') || WIN_ANSI_EXTRAS.has(ch)

function foldTo (text: string, allowed: (ch: string) => boolean): string {
  let out = ''
  for (const ch of singleLine(text)) {
    if (allowed(ch)) {
      out += ch
      continue
    }
    const base = ch.normalize('NFKD').replace(/\p{M}/gu, '')
    const spelled = SPELLED_OUT[ch]
    if (base !== '' && [...base].every(allowed)) out += base
    else if (spelled !== undefined && [...spelled].every(allowed)) out += spelled
    else out += '?'
  }
  return out
}

/** Collapses line breaks, tabs and runs of spaces and drops other control/format characters. */
export function singleLine (text: string): string {
  return text.replace(/\s+/gu, ' ').replace(/[\p{Cc}\p{Cf}]/gu, '').trim()
}

/** Printable ASCII only: accents dropped, a few letters spelled out, anything else becomes `?`. */
export function toAscii (text: string): string {
  return foldTo(text, isPrintableAscii)
}

/** Text the PDF standard fonts (WinAnsi encoding) can show. */
export function toWinAnsi (text: string): string {
  return foldTo(text, isWinAnsi)
}

/** Cuts text to at most `maxChars` characters, marking the cut with `...`. */
export function truncate (text: string, maxChars: number): string {
  const chars = [...text]
  if (chars.length <= maxChars) return text
  return chars.slice(0, Math.max(0, maxChars - 3)).join('') + '...'
}

export function addressLines (address: LabelAddress): string[] {
  return [
    address.name,
    address.company ?? '',
    ...address.lines,
    `${address.town} ${address.postcode}`,
    address.countryCode
  ].map(singleLine).filter(line => line !== '')
}

export function formatKg (kg: number): string {
  return `${kg.toFixed(2)} kg`
}

export function formatMoney (amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`
}

/** Parses a YYYY-MM-DD date as UTC midnight; used for PDF metadata so output never embeds the wall clock. */
export function parseIsoDate (value: string, field: string): Date {
  const date = new Date(`${value}T00:00:00Z`)
  // The round trip rejects dates JavaScript would roll over, such as 2024-02-30.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    throw new RangeError(`${field} must be a YYYY-MM-DD date, got ${JSON.stringify(value)}`)
  }
  return date
}
