import t from 'tap'
import { decodeCursor, encodeCursor } from '../../../src/services/admin/page-cursor.js'
import { AppError } from '../../../src/errors.js'

t.test('a cursor round-trips the page position and is URL-safe', async (t) => {
  const position = { updatedKey: '2026-03-01T10:00:00.123456Z', id: '97952527-9501-47b9-b500-b4d731c02630' }
  const cursor = encodeCursor(position)
  t.match(cursor, /^[A-Za-z0-9_-]+$/)
  t.same(decodeCursor(cursor), position)
})

t.test('anything this service did not write is a validation error', async (t) => {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  for (const [what, cursor] of [
    ['not base64 JSON', 'abc'],
    ['an object', encode({ updatedKey: '2026-03-01T10:00:00.123456Z', id: '97952527-9501-47b9-b500-b4d731c02630' })],
    ['milliseconds only', encode(['2026-03-01T10:00:00.123Z', '97952527-9501-47b9-b500-b4d731c02630'])],
    ['a bad id', encode(['2026-03-01T10:00:00.123456Z', "x' OR 1=1"])],
    ['three parts', encode(['2026-03-01T10:00:00.123456Z', '97952527-9501-47b9-b500-b4d731c02630', 1])]
  ] as const) {
    const error = t.throws(() => decodeCursor(cursor), what) as AppError
    t.equal(error.code, 'VALIDATION_FAILED', what)
    t.same(error.errors, [{ field: '/querystring/cursor', message: 'is not a valid page cursor' }])
  }
})
