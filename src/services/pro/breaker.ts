import { BrokenCircuitError, CircuitState, ConsecutiveBreaker, circuitBreaker, handleWhenResult, type CircuitBreakerPolicy } from 'cockatiel'
import type { Log } from '../log.js'
import { ProCircuitOpenError } from './errors.js'
import type { ProOperation } from './operations.js'

export interface BreakerSettings {
  /** Consecutive failed attempts (5xx, connection failures, timeouts) that open the circuit. */
  threshold: number
  /** How long an open circuit fails calls at once before one probe call may go through. */
  halfOpenAfterMs: number
}

/** How an attempt counts: `neutral` leaves the count of failures as it is. */
export type Verdict = 'success' | 'failure' | 'neutral'

interface Judged<T> { value: T, verdict: Verdict }

/** Carries a neutral outcome past cockatiel, which counts every result it sees. */
class Uncounted<T> {
  constructor (readonly value: T) {}
}

/**
 * A circuit breaker (cockatiel's) around PRO attempts. While open, calls fail at once with
 * ProCircuitOpenError, never sent; after `halfOpenAfterMs` one probe goes through (other calls
 * still fail at once) and its success closes the circuit, its failure opens it again.
 * cockatiel measures the half-open delay on the wall clock (Date.now), not on the transport's Clock.
 */
export class CircuitBreaker {
  readonly #policy: CircuitBreakerPolicy
  #openedAt = 0

  constructor (readonly settings: BreakerSettings, log: Log) {
    if (!Number.isInteger(settings.threshold) || settings.threshold < 1) throw new RangeError('breaker threshold must be a positive integer')
    if (!(settings.halfOpenAfterMs > 0)) throw new RangeError('breaker halfOpenAfterMs must be positive')
    this.#policy = circuitBreaker(handleWhenResult((result) => (result as Judged<unknown>).verdict === 'failure'), {
      halfOpenAfter: settings.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(settings.threshold)
    })
    this.#policy.onBreak(() => {
      this.#openedAt = Date.now()
      log.warn({ threshold: settings.threshold, halfOpenAfterMs: settings.halfOpenAfterMs }, 'pro circuit open: calls fail at once until a probe succeeds')
    })
    this.#policy.onHalfOpen(() => { log.info({}, 'pro circuit half-open: one probe call goes through') })
    this.#policy.onReset(() => { log.info({}, 'pro circuit closed') })
  }

  /** False while open or half-open: a retry would not be let through. */
  get closed (): boolean { return this.#policy.state === CircuitState.Closed }

  /** Throws ProCircuitOpenError unless a call may go now (closed, or open long enough to probe). */
  admit (op: ProOperation): void {
    const state = this.#policy.state
    if (state === CircuitState.Closed) return
    if (state === CircuitState.Open) {
      const left = this.#openedAt + this.settings.halfOpenAfterMs - Date.now()
      if (left <= 0) return
      throw new ProCircuitOpenError(op, Math.ceil(left / 1000))
    }
    // Half-open: a probe is in flight; its outcome decides.
    throw new ProCircuitOpenError(op, 1)
  }

  /** Runs one attempt through the breaker; `judge` says how its outcome counts. */
  async run<T> (op: ProOperation, attempt: () => Promise<T>, judge: (outcome: T) => Verdict): Promise<T> {
    this.admit(op)
    // Past admit, a circuit that is not closed is open long enough: this attempt is the probe.
    const probe = !this.closed
    try {
      const judged = await this.#policy.execute(async (): Promise<Judged<T>> => {
        const value = await attempt()
        const verdict = judge(value)
        // A probe that proves nothing keeps the circuit open (cockatiel would close it).
        if (verdict === 'neutral' && !probe) throw new Uncounted(value)
        return { value, verdict: verdict === 'neutral' ? 'failure' : verdict }
      })
      return judged.value
    } catch (error) {
      if (error instanceof Uncounted) return error.value as T
      if (error instanceof BrokenCircuitError) throw new ProCircuitOpenError(op, 1)
      throw error
    }
  }
}
