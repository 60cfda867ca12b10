import t from 'tap'
import pg from 'pg'
import { randomUUID } from 'node:crypto'
import { freshDatabaseUrl, silentLog } from '../../helpers/database.js'
import { QUEUES, startJobQueue } from '../../../src/services/jobs/queue.js'
import { inTransaction } from '../../../src/services/store/transaction.js'

t.test('a job that keeps failing is tried again after the retry delay, never later, however often it failed', async (t) => {
  const url = await freshDatabaseUrl(t)
  const queue = await startJobQueue({ connectionString: url, log: silentLog, supervise: false, fulfilmentAttempts: 12, jobTimeoutSeconds: 60, retryDelaySeconds: 7 })
  t.teardown(() => queue.stop())
  const pool = new pg.Pool({ connectionString: url, max: 1 })
  t.teardown(() => pool.end())
  await inTransaction(pool, (client) => queue.enqueueFulfilment(client, randomUUID()))
  const { rows: [job] } = await pool.query<{ id: string }>("SELECT id FROM pgboss.job WHERE name = 'fulfil-order'")

  const delays: number[] = []
  for (let failure = 1; failure <= 8; failure++) {
    // A worker takes the job (due now, as if its pause were over) and fails it.
    await pool.query("UPDATE pgboss.job SET start_after = now() WHERE name = 'fulfil-order' AND id = $1", [job!.id])
    const [fetched] = await queue.boss.fetch(QUEUES.fulfilOrder)
    t.equal(fetched?.id, job!.id, `attempt ${failure}: a worker took the job`)
    await queue.boss.fail(QUEUES.fulfilOrder, job!.id, { message: `failure ${failure}` })
    const { rows: [row] } = await pool.query<{ state: string, retry_count: number, delay: number }>(
      "SELECT state, retry_count, extract(epoch FROM start_after - now())::float8 AS delay FROM pgboss.job WHERE name = 'fulfil-order' AND id = $1", [job!.id])
    t.match(row, { state: 'retry', retry_count: failure - 1 }, `failure ${failure}: waiting for its retry`)
    delays.push(row!.delay)
  }
  for (const [index, delay] of delays.entries()) {
    t.ok(delay > 6 && delay <= 7, `retry after failure ${index + 1} is due in ${delay.toFixed(2)} s (the 7 s retry delay)`)
  }
})
