/** SQL of the staff (Quotes flow) consignment claims and details. */

/** Forgets an intent PRO certainly did not act on, so the caller can correct the request and retry. */
export const deleteIntent = `
DELETE FROM consignments WHERE intent_key = $1 AND reference IS NULL`

/**
 * Moves a consignment into an in-flight state (Allocating, Cancelling) in one statement, from one
 * of the given states or from the same in-flight state once it is older than $5 ms (a claim left
 * by a crash; timed by the database's clock, which every replica shares). Row-locked, so of two concurrent claims exactly one wins. Answers the state it left.
 */
export const claim = `
WITH current AS (SELECT id, state FROM consignments WHERE reference = $1 AND source = 'staff' FOR UPDATE)
UPDATE consignments c SET state = $3, details = c.details || $4::jsonb, updated_at = now()
FROM current
WHERE c.id = current.id AND (current.state = ANY($2::text[]) OR (current.state = $3 AND c.updated_at < now() - $5::double precision * interval '1 millisecond'))
RETURNING current.state AS previous_state`

/** Ends a claim that PRO certainly did not act on, back to the state it came from. */
export const releaseClaim = `
UPDATE consignments SET state = $3, updated_at = now() WHERE reference = $1 AND state = $2`

/**
 * Adds quotes handed out (keyed by lower-case quote reference) and drops those expired by $3.
 * Leaves updated_at alone: it times the claims.
 */
export const addQuotes = `
UPDATE consignments SET details = jsonb_set(details, '{quotes}', (
  SELECT coalesce(jsonb_object_agg(key, value), '{}'::jsonb)
  FROM jsonb_each(coalesce(details->'quotes', '{}'::jsonb) || $2::jsonb)
  WHERE value->>'expiresAt' IS NULL OR (value->>'expiresAt')::timestamptz > $3
))
WHERE reference = $1`

export const mergeDetails = `
UPDATE consignments SET details = details || $2::jsonb WHERE reference = $1`

/** A staff consignment whose label job ran out of attempts: kept in its details until re-driven. */
export const flagLabelFailure = `
UPDATE consignments SET details = details || jsonb_build_object('labelFailure', jsonb_build_object('reason', $2::text, 'at', now()))
WHERE id = $1 AND source = 'staff'`

export const selectLabelFailures = `
SELECT reference, details->'request'->>'reference' AS customer_reference, details->'labelFailure'->>'reason' AS reason,
       (details->'labelFailure'->>'at')::timestamptz AS failed_at
FROM consignments WHERE source = 'staff' AND details ? 'labelFailure'
ORDER BY (details->'labelFailure'->>'at')::timestamptz DESC LIMIT $1`

/** Clears the flag of a staff consignment's failed label job; answers its id, or nothing if it was not flagged. */
export const clearLabelFailure = `
UPDATE consignments SET details = details - 'labelFailure'
WHERE reference = $1 AND source = 'staff' AND details ? 'labelFailure'
RETURNING id`
