import bwipjs from 'bwip-js'
import { toAscii } from './text.js'

/** Width of the Code 128 symbol for `text` in modules (narrowest bar widths), quiet zones excluded. */
export function code128Modules (text: string): number {
  const [symbol] = bwipjs.raw({ bcid: 'code128', text: toAscii(text) })
  if (symbol === undefined || !('sbs' in symbol)) throw new Error('bwip-js returned no Code 128 symbol')
  return symbol.sbs.reduce((sum, width) => sum + width, 0)
}

/** A Code 128 barcode as a PNG image, bars only (callers print the human-readable text themselves). */
export async function code128Png (text: string): Promise<Buffer> {
  return await bwipjs.toBuffer({ bcid: 'code128', text: toAscii(text), scale: 3, height: 20 })
}
