import { setTimeout as sleep } from 'node:timers/promises'

/** Time as the transport sees it; tests pass a fake one so that nothing really waits. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now (): number
  sleep (ms: number): Promise<void>
  /** Calls `fn` once `ms` have passed, unless the returned function cancels it first. */
  setTimer (ms: number, fn: () => void): () => void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: async (ms) => { await sleep(ms) },
  setTimer (ms, fn) {
    const timer = setTimeout(fn, ms)
    return () => { clearTimeout(timer) }
  }
}
