import type { Queryable } from './transaction.js'
import * as sql from './fulfil-jobs.sql.js'

export async function listOrphanedJobs (db: Queryable, queue: string, leasePrefix: string, olderThanSeconds: number): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(sql.selectOrphaned, [queue, olderThanSeconds, leasePrefix])
  return rows.map((row) => row.id)
}
