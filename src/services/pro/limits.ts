import type { Clock } from './clock.js'

/** At most `max` tasks run at once; the others wait in arrival order. */
export class ConcurrencyLimit {
  #active = 0
  readonly #waiting: Array<() => void> = []

  constructor (readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('maxConcurrent must be a positive integer')
  }

  get active (): number { return this.#active }
  get queued (): number { return this.#waiting.length }

  async run<T> (task: () => Promise<T>): Promise<T> {
    if (this.#active < this.max) {
      this.#active++
    } else {
      await new Promise<void>((resolve) => this.#waiting.push(resolve))
    }
    try {
      return await task()
    } finally {
      const next = this.#waiting.shift()
      // A waiting task takes over the slot, so `active` stays the same.
      if (next !== undefined) next()
      else this.#active--
    }
  }
}

/**
 * Token bucket: `perSecond` tokens a second, at most `burst` saved up. Callers are served one at a
 * time in arrival order, so only the head of the line ever sleeps.
 */
export class RateLimit {
  #tokens: number
  #refilledAt: number
  #line: Promise<void> = Promise.resolve()

  constructor (readonly perSecond: number, readonly burst: number, private readonly clock: Clock) {
    if (!(perSecond > 0)) throw new RangeError('requestsPerSecond must be positive')
    if (!(burst >= 1)) throw new RangeError('rate burst must be at least 1')
    this.#tokens = burst
    this.#refilledAt = clock.now()
  }

  take (): Promise<void> {
    const turn = this.#line.then(async () => { await this.#takeOne() })
    this.#line = turn
    return turn
  }

  async #takeOne (): Promise<void> {
    this.#refill()
    while (this.#tokens < 1) {
      await this.clock.sleep(Math.ceil((1 - this.#tokens) * 1000 / this.perSecond))
      this.#refill()
    }
    this.#tokens -= 1
  }

  #refill (): void {
    const now = this.clock.now()
    this.#tokens = Math.min(this.burst, this.#tokens + (now - this.#refilledAt) * this.perSecond / 1000)
    this.#refilledAt = now
  }
}
