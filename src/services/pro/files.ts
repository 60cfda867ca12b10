const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

/**
 * Strict base64 decoding: Buffer.from() silently skips characters that are not base64, which
 * would turn a truncated or corrupt label into a file that prints garbage.
 */
export function decodeBase64 (encoded: string): Buffer | undefined {
  const compact = encoded.replace(/\s+/g, '')
  const badLength = compact.length % 4 === 1 || (compact.endsWith('=') && compact.length % 4 !== 0)
  if (badLength || !BASE64.test(compact)) return undefined
  return Buffer.from(compact, 'base64')
}
