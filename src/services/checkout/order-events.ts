import { setTimeout as sleep } from 'node:timers/promises'
import * as orders from '../store/orders.js'
import type { Queryable } from '../store/transaction.js'
import { FINAL_STATUSES } from './order-status.js'

export interface FollowOptions {
  /** How often the database is asked for new events (status changes may come from any replica). */
  pollMs: number
  signal: AbortSignal
}

/**
 * Yields the order's timeline events after `afterId`, as they are written, until the order reaches a
 * final status or the signal aborts.
 */
export async function * followOrderEvents (db: Queryable, orderId: string, afterId: number, options: FollowOptions): AsyncGenerator<orders.OrderEvent> {
  let last = afterId
  while (!options.signal.aborted) {
    for (const event of await orders.listEvents(db, orderId, last)) {
      last = event.id
      yield event
      if (FINAL_STATUSES.has(event.status)) return
    }
    try {
      await sleep(options.pollMs, undefined, { signal: options.signal })
    } catch {
      return
    }
  }
}
