/** SQL over pg-boss's job table (schema `pgboss`, see jobs/queue.ts) for the fulfilment queue. */

/**
 * Active fulfilment jobs started more than $2 seconds ago whose order has no live pass lease: a pass
 * holds the lease for all of its work, so such a job's process died between fetching the job and
 * taking the lease, or between releasing it and finishing the job.
 */
export const selectOrphaned = `
SELECT j.id FROM pgboss.job j
WHERE j.name = $1 AND j.state = 'active' AND j.started_on < now() - make_interval(secs => $2)
  AND NOT EXISTS (SELECT 1 FROM leases l WHERE l.name = $3 || (j.data->>'orderId') AND l.expires_at > now())`
