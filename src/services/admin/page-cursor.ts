import { AppError } from '../../errors.js'
import type { PagePosition } from '../store/admin.js'

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** An opaque page cursor: the last row's (updated_at, id), base64url-encoded. */
export function encodeCursor (position: PagePosition): string {
  return Buffer.from(JSON.stringify([position.updatedKey, position.id])).toString('base64url')
}

/** The position a cursor names; a cursor this service did not write is a 400. */
export function decodeCursor (cursor: string): PagePosition {
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    parsed = undefined
  }
  if (Array.isArray(parsed) && parsed.length === 2) {
    const [updatedKey, id] = parsed as unknown[]
    if (typeof updatedKey === 'string' && INSTANT.test(updatedKey) && typeof id === 'string' && UUID.test(id)) return { updatedKey, id }
  }
  throw new AppError('VALIDATION_FAILED', {
    detail: 'The cursor is not one this service handed out',
    errors: [{ field: '/querystring/cursor', message: 'is not a valid page cursor' }]
  })
}
