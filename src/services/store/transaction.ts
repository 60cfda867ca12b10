import type pg from 'pg'

/** A pool, or one client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>

/** Runs `work` in one transaction on one pooled connection; rolls back on any error. */
export async function inTransaction<T> (pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw err
  } finally {
    client.release()
  }
}
