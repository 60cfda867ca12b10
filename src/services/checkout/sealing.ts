import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto'

/**
 * The order token must be replayable to a client retrying with its Idempotency-Key, yet the
 * database keeps only hashes of both. So the token is sealed (AES-256-GCM) under a key derived
 * from the Idempotency-Key: only a caller who presents that key can open it.
 */
const INFO = Buffer.from('checkout-bff confirm replay v1')

function sealingKey (idempotencyKey: string, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', idempotencyKey, salt, INFO, 32))
}

export function hashIdempotencyKey (scope: string, idempotencyKey: string): string {
  return createHash('sha256').update(`${scope}\u0000${idempotencyKey}`).digest('hex')
}

/** salt (16) ‖ iv (12) ‖ tag (16) ‖ ciphertext */
export function seal (secret: string, idempotencyKey: string): Buffer {
  const salt = randomBytes(16)
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', sealingKey(idempotencyKey, salt), iv)
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
  return Buffer.concat([salt, iv, cipher.getAuthTag(), ciphertext])
}

export function unseal (sealed: Buffer, idempotencyKey: string): string {
  const salt = sealed.subarray(0, 16)
  const iv = sealed.subarray(16, 28)
  const tag = sealed.subarray(28, 44)
  const decipher = createDecipheriv('aes-256-gcm', sealingKey(idempotencyKey, salt), iv)
  decipher.setAuthTag(tag)
  return Buffer.concat([decipher.update(sealed.subarray(44)), decipher.final()]).toString('utf8')
}
