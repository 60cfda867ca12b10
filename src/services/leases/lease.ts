import { randomUUID } from 'node:crypto'
import type pg from 'pg'
import type { Log } from '../log.js'
import * as store from '../store/leases.js'
import { inTransaction } from '../store/transaction.js'

/** Thrown by a write of a holder whose lease ran out or was taken over: the write did not happen. */
export class LeaseLostError extends Error {
  readonly code = 'LEASE_LOST'
  constructor (readonly leaseName: string) {
    super(`lease ${leaseName} is no longer held by this holder`)
    this.name = 'LeaseLostError'
  }
}

export interface LeaseOptions {
  /** How long the lease lasts without renewal: the time a crashed holder blocks others. */
  ttlMs: number
  log: Log
  /** Default a third of the TTL, so two renewals may fail before the lease runs out. */
  renewEveryMs?: number
}

export interface Lease {
  readonly name: string
  /** An expired lease of an earlier holder was taken over: its work may be half done. */
  readonly tookOver: boolean
  /** Aborted when the lease is lost (or released): upstream calls of the holder stop. */
  readonly signal: AbortSignal
  /**
   * Local clock time (ms) by which an upstream call of the holder must have ended: the lease as last
   * renewed, timed from before the renewal was sent (so never later than the database's expiry), less
   * a margin. Zero once the lease is lost.
   */
  deadline (): number
  /** Runs `work` in one transaction that first proves the lease is still held (LeaseLostError if not). */
  write<T> (work: (client: pg.PoolClient) => Promise<T>): Promise<T>
  release (): Promise<void>
}

const MARGIN_FRACTION = 0.1

/** Takes the named lease if no live holder has it; renews it until release or loss. */
export async function acquireLease (pool: pg.Pool, name: string, options: LeaseOptions): Promise<Lease | undefined> {
  const owner = randomUUID()
  const ttlSeconds = options.ttlMs / 1000
  const sentAt = Date.now()
  const acquired = await store.acquireLease(pool, name, owner, ttlSeconds)
  if (!acquired) return undefined

  const controller = new AbortController()
  const marginMs = Math.max(500, options.ttlMs * MARGIN_FRACTION)
  let validUntil = sentAt + options.ttlMs
  let renewing: Promise<void> | undefined

  function lose (reason: string): void {
    if (controller.signal.aborted) return
    clearInterval(timer)
    validUntil = 0
    controller.abort(new LeaseLostError(name))
    if (reason !== 'released') options.log.warn({ lease: name, reason }, 'lease lost')
  }

  async function renew (): Promise<void> {
    const sent = Date.now()
    try {
      if (await store.renewLease(pool, name, owner, ttlSeconds)) validUntil = sent + options.ttlMs
      else lose('ran out or taken over')
    } catch (err) {
      options.log.warn({ lease: name, err }, 'renewing a lease failed; trying again')
      if (Date.now() >= validUntil) lose('not renewed in time')
    }
  }

  const timer = setInterval(() => { renewing ??= renew().finally(() => { renewing = undefined }) }, options.renewEveryMs ?? options.ttlMs / 3)
  timer.unref()

  return {
    name,
    tookOver: acquired.tookOver,
    signal: controller.signal,
    deadline: () => Math.max(0, validUntil - marginMs),
    async write (work) {
      if (controller.signal.aborted || Date.now() >= validUntil) throw new LeaseLostError(name)
      return inTransaction(pool, async (client) => {
        if (!await store.holdsLease(client, name, owner)) {
          lose('taken over before a write')
          throw new LeaseLostError(name)
        }
        return work(client)
      })
    },
    async release () {
      lose('released')
      await renewing
      await store.releaseLease(pool, name, owner)
    }
  }
}

/** Aborts when the lease is lost, or when the process stops (`stopSignal`, if given). */
export function holderSignal (lease: Lease, stopSignal: AbortSignal | undefined): AbortSignal {
  return stopSignal ? AbortSignal.any([lease.signal, stopSignal]) : lease.signal
}

export const isLeaseLost = (err: unknown): err is LeaseLostError => err instanceof LeaseLostError
