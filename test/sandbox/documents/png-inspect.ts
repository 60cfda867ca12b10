import { inflateSync } from 'node:zlib'

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

interface Chunk {
  type: string
  data: Buffer
}

export function pngChunks (png: Buffer): Chunk[] {
  const chunks: Chunk[] = []
  for (let offset = PNG_SIGNATURE.length; offset < png.length;) {
    const length = png.readUInt32BE(offset)
    chunks.push({ type: png.toString('latin1', offset + 4, offset + 8), data: png.subarray(offset + 8, offset + 8 + length) })
    offset += 12 + length
  }
  return chunks
}

export interface RgbaImage {
  width: number
  height: number
  isDark: (x: number, y: number) => boolean
}

/** Decodes 8-bit RGBA, unfiltered, non-interlaced PNGs (what the sandbox writes); anything else throws. */
export function decodeRgba (png: Buffer): RgbaImage {
  const chunks = pngChunks(png)
  const header = chunks.find(chunk => chunk.type === 'IHDR')?.data
  if (header === undefined) throw new Error('no IHDR chunk')
  const width = header.readUInt32BE(0)
  const height = header.readUInt32BE(4)
  if (header[8] !== 8 || header[9] !== 6 || header[12] !== 0) throw new Error('not 8-bit RGBA without interlace')
  const pixels = inflateSync(Buffer.concat(chunks.filter(chunk => chunk.type === 'IDAT').map(chunk => chunk.data)))
  const stride = width * 4 + 1
  if (pixels.length !== stride * height) throw new Error('pixel data does not match the header size')
  for (let y = 0; y < height; y++) {
    if (pixels[y * stride] !== 0) throw new Error(`row ${y} uses a PNG filter`)
  }
  return {
    width,
    height,
    // Seen on white paper: a transparent pixel is light whatever its colour.
    isDark: (x, y) => {
      const at = y * stride + 1 + x * 4
      const alpha = (pixels[at + 3] ?? 0) / 255
      const onWhite = (channel: number | undefined) => (channel ?? 255) * alpha + 255 * (1 - alpha)
      return onWhite(pixels[at]) + onWhite(pixels[at + 1]) + onWhite(pixels[at + 2]) < 3 * 128
    }
  }
}

/** Which pixels in row `y` between `x0` and `x1` are dark, as a string of 1s and 0s. */
export function rowPattern (image: RgbaImage, y: number, x0 = 0, x1 = image.width): string {
  let pattern = ''
  for (let x = x0; x < x1; x++) pattern += image.isDark(x, y) ? '1' : '0'
  return pattern
}

/** Widths in pixels of the alternating bar/space runs between the first and the last dark pixel of a row. */
export function runLengths (pattern: string): number[] {
  return pattern.replace(/^0+|0+$/g, '').match(/1+|0+/g)?.map(run => run.length) ?? []
}
