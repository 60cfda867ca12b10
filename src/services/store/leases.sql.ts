/** SQL of the lease repository. */

/** Inserts the lease, or takes over an expired one; answers nothing while another holder's lease runs. */
export const acquire = `
INSERT INTO leases (name, owner, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))
ON CONFLICT (name) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at, acquired_at = now()
WHERE leases.expires_at <= now()
RETURNING (xmax <> 0) AS took_over`

/** Only an owner whose lease has not run out may extend it. */
export const renew = `
UPDATE leases SET expires_at = now() + make_interval(secs => $3)
WHERE name = $1 AND owner = $2 AND expires_at > now()
RETURNING name`

export const release = `
DELETE FROM leases WHERE name = $1 AND owner = $2`

/** The fence: inside a write transaction, holds the lease row (a take-over waits) and proves ownership. */
export const checkHeld = `
SELECT name FROM leases WHERE name = $1 AND owner = $2 AND expires_at > now() FOR SHARE`

/** Removes expired leases under a prefix and answers their names: their holders stopped without finishing. */
export const takeExpired = `
DELETE FROM leases WHERE name LIKE $1 || '%' AND expires_at <= now() RETURNING name`
