import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** 256 random bits, URL-safe: the only thing that lets a storefront read an order. */
export function newOrderToken (): string {
  return randomBytes(32).toString('base64url')
}

/** Only the hash is stored, so a database leak does not hand out readable orders. */
export function hashOrderToken (token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest()
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/

/** Constant-time comparison of a presented token with a stored hash; malformed tokens never match. */
export function orderTokenMatches (presented: string | undefined, storedHash: Buffer): boolean {
  if (presented === undefined || !TOKEN_SHAPE.test(presented)) return false
  const candidate = hashOrderToken(presented)
  return candidate.length === storedHash.length && timingSafeEqual(candidate, storedHash)
}
