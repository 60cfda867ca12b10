/** SQL of the idempotency-key repository. */

const columns = `key_hash, request_hash, state, resource_id, sealed_secret, response_status,
  response_body, expires_at`

export const insertClaim = `
INSERT INTO idempotency_keys (scope, key_hash, request_hash, state, expires_at)
VALUES ($1, $2, $3, 'in_progress', now() + make_interval(secs => $4))
ON CONFLICT (scope, key_hash) DO NOTHING
RETURNING ${columns}`

export const selectRecord = `
SELECT ${columns}, expires_at > now() AS live FROM idempotency_keys WHERE scope = $1 AND key_hash = $2`

export const deleteExpired = `
DELETE FROM idempotency_keys WHERE scope = $1 AND key_hash = $2 AND expires_at <= now()`

export const attachResource = `
UPDATE idempotency_keys SET resource_id = $3, sealed_secret = $4
WHERE scope = $1 AND key_hash = $2`

export const complete = `
UPDATE idempotency_keys SET state = 'completed', response_status = $3, response_body = $4
WHERE scope = $1 AND key_hash = $2`

export const forget = `
DELETE FROM idempotency_keys WHERE scope = $1 AND key_hash = $2 AND state = 'in_progress'`

export const purgeExpired = `
DELETE FROM idempotency_keys WHERE expires_at <= now()`
