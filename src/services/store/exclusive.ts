import type pg from 'pg'
import { withClient } from './transaction.js'

export type ExclusiveOutcome<T> = { ran: true, value: T } | { ran: false }

/** Runs `work` unless another run of the same name is under way (anywhere that shares the lock). */
export type Exclusive = <T>(name: string, work: () => Promise<T>) => Promise<ExclusiveOutcome<T>>

/** Mutual exclusion inside one process (tests of one step, and the first gate of createExclusive). */
export function inProcessExclusive (): Exclusive {
  const running = new Set<string>()
  return async (name, work) => {
    if (running.has(name)) return { ran: false }
    running.add(name)
    try {
      return { ran: true, value: await work() }
    } finally {
      running.delete(name)
    }
  }
}

/**
 * Across replicas: a PostgreSQL session advisory lock, held on a dedicated connection for the run.
 * A crashed holder's connection drops and releases the lock at once — no lease to wait out.
 */
export function createExclusive (pool: pg.Pool): Exclusive {
  const local = inProcessExclusive()
  return (name, work) => local(name, () => withClient(pool, async (client, connectionLost) => {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS locked', [name])
    if (!rows[0]?.locked) return { ran: false as const }
    try {
      return { ran: true as const, value: await work() }
    } finally {
      // A lost connection took the lock with it (and withClient fails the run): nothing to unlock.
      await client.query('SELECT pg_advisory_unlock(hashtext($1))', [name]).catch((err: unknown) => { if (!connectionLost()) throw err })
    }
  })).then((outcome) => (outcome.ran ? outcome.value : outcome))
}
