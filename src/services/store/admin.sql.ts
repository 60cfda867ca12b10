/** SQL of the operator views: orders by status, and pg-boss's job tables (schema `pgboss`, see jobs/queue.ts). */

/** `updated_key` is updated_at to the microsecond in UTC: a page cursor must not lose precision. */
const orderColumns = `
  id, merchant_reference, pro_order_reference, status, status_reason, attempts, created_at, updated_at,
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS updated_key`

/** Newest first, keyset-paged on (updated_at, id); $2/$3 are the last row of the previous page or null. */
export const selectOrderPage = `
SELECT ${orderColumns} FROM orders
WHERE ($1::text IS NULL OR status = $1)
  AND ($2::timestamptz IS NULL OR (updated_at, id) < ($2::timestamptz, $3::uuid))
ORDER BY updated_at DESC, id DESC
LIMIT $4`

export const selectOrderForUpdate = `SELECT ${orderColumns} FROM orders WHERE id = $1 FOR UPDATE`

export const countOrdersWithStatus = `SELECT count(*)::int AS count FROM orders WHERE status = $1`

/** Jobs of the queue for this order that pg-boss may still run. */
export const countPendingOrderJobs = `
SELECT count(*)::int AS count FROM pgboss.job
WHERE name = $1 AND data->>'orderId' = $2 AND state IN ('created', 'retry', 'active')`

export const countJobsByState = `
SELECT name, state::text AS state, count(*)::int AS count FROM pgboss.job
WHERE name = ANY($1::text[])
GROUP BY name, state`

/** pg-boss moves old jobs to its archive table, so dead letters are looked for in both. */
export const selectFailedJobs = `
SELECT id, order_id, error, retry_count, completed_on FROM (
  SELECT id, data->>'orderId' AS order_id, COALESCE(output->>'message', output->'value'->>'message') AS error, retry_count, completed_on
  FROM pgboss.job WHERE name = $1 AND state = 'failed'
  UNION ALL
  SELECT id, data->>'orderId', COALESCE(output->>'message', output->'value'->>'message'), retry_count, completed_on
  FROM pgboss.archive WHERE name = $1 AND state = 'failed'
) failed
ORDER BY completed_on DESC NULLS LAST, id
LIMIT $2`
