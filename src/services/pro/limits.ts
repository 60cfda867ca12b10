import type { Clock } from './clock.js'

/** A wait in a ConcurrencyLimit or RateLimit ended by its signal; `cause` is the signal's reason. */
export class WaitAbortedError extends Error {
  constructor (cause: unknown) {
    super('gave up waiting in the PRO request queue', { cause })
    this.name = 'WaitAbortedError'
  }
}

interface Waiter {
  grant (): void
}

/**
 * Queues `grant` until the owner calls it; an abort of `signal` takes the waiter out of `line` and
 * rejects, so an abandoned waiter never takes what it waited for.
 */
function waitInLine (line: Waiter[], signal: AbortSignal | undefined): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      const at = line.indexOf(waiter)
      if (at >= 0) line.splice(at, 1)
      reject(new WaitAbortedError(signal?.reason))
    }
    const waiter: Waiter = {
      grant () {
        signal?.removeEventListener('abort', onAbort)
        resolve()
      }
    }
    line.push(waiter)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}

/** At most `max` tasks run at once; the others wait in arrival order until served or aborted. */
export class ConcurrencyLimit {
  #active = 0
  readonly #waiting: Waiter[] = []

  constructor (readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('maxConcurrent must be a positive integer')
  }

  get active (): number { return this.#active }
  get queued (): number { return this.#waiting.length }

  /** Runs `task` in a slot; rejects with WaitAbortedError, without running it, if `signal` aborts first. */
  async run<T> (task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted === true) throw new WaitAbortedError(signal.reason)
    if (this.#active < this.max) {
      this.#active++
    } else {
      await waitInLine(this.#waiting, signal)
    }
    try {
      return await task()
    } finally {
      const next = this.#waiting.shift()
      // A waiting task takes over the slot, so `active` stays the same.
      if (next !== undefined) next.grant()
      else this.#active--
    }
  }
}

/**
 * Token bucket: `perSecond` tokens a second, at most `burst` saved up. Callers are served one at a
 * time in arrival order; only the head of the line is waited for, and a caller whose signal aborts
 * leaves the line without taking a token.
 */
export class RateLimit {
  #tokens: number
  #refilledAt: number
  readonly #waiting: Waiter[] = []
  #serving = false

  constructor (readonly perSecond: number, readonly burst: number, private readonly clock: Clock) {
    if (!(perSecond > 0)) throw new RangeError('requestsPerSecond must be positive')
    if (!(burst >= 1)) throw new RangeError('rate burst must be at least 1')
    this.#tokens = burst
    this.#refilledAt = clock.now()
  }

  get queued (): number { return this.#waiting.length }

  take (signal?: AbortSignal): Promise<void> {
    if (signal?.aborted === true) return Promise.reject(new WaitAbortedError(signal.reason))
    if (this.#waiting.length === 0) {
      this.#refill()
      if (this.#tokens >= 1) {
        this.#tokens -= 1
        return Promise.resolve()
      }
    }
    const turn = waitInLine(this.#waiting, signal)
    void this.#serve()
    return turn
  }

  /** Hands out tokens to the line as they come; one loop at a time. */
  async #serve (): Promise<void> {
    if (this.#serving) return
    this.#serving = true
    try {
      while (this.#waiting.length > 0) {
        this.#refill()
        if (this.#tokens >= 1) {
          this.#tokens -= 1
          this.#waiting.shift()!.grant()
        } else {
          await this.clock.sleep(Math.ceil((1 - this.#tokens) * 1000 / this.perSecond))
        }
      }
    } finally {
      this.#serving = false
    }
  }

  #refill (): void {
    const now = this.clock.now()
    this.#tokens = Math.min(this.burst, this.#tokens + (now - this.#refilledAt) * this.perSecond / 1000)
    this.#refilledAt = now
  }
}
