import type pg from 'pg'

/** A pool, or one client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>

/**
 * Checks out one connection for `work`. An error on it while it is held (a server restart, a
 * failover, `pg_terminate_backend`) would otherwise be an uncaught 'error' event that ends the
 * process: here it fails the work instead, and the broken connection is destroyed, not reused.
 */
export async function withClient<T> (pool: pg.Pool, work: (client: pg.PoolClient, connectionLost: () => boolean) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  let lost: Error | undefined
  const onError = (err: Error) => { lost = err }
  client.on('error', onError)
  try {
    const result = await work(client, () => lost !== undefined)
    if (lost) throw lost
    return result
  } catch (err) {
    throw lost ?? err
  } finally {
    client.off('error', onError)
    client.release(lost)
  }
}

/** Runs `work` in one transaction on one pooled connection; rolls back on any error. */
export async function inTransaction<T> (pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withClient(pool, async (client) => {
    try {
      await client.query('BEGIN')
      const result = await work(client)
      await client.query('COMMIT')
      return result
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined)
      throw err
    }
  })
}
