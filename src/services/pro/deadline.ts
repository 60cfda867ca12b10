import type { Clock } from './clock.js'

/** What bounds one PRO call: a deadline (clock ms) and/or a signal of the caller. */
export interface SendBound {
  deadline?: number
  signal?: AbortSignal
}

/** Why a call's signal aborted: its deadline came, or the caller's own signal aborted. */
export type AbortCause = 'deadline' | 'cancelled'

/** The tighter of two bounds: the earlier deadline, and a signal that aborts when either does. */
export function narrower (a: SendBound, b: SendBound): SendBound {
  const deadline = Math.min(a.deadline ?? Infinity, b.deadline ?? Infinity)
  const signals = [a.signal, b.signal].filter((signal) => signal !== undefined)
  return {
    ...(deadline === Infinity ? {} : { deadline }),
    ...(signals.length === 0 ? {} : { signal: signals.length === 1 ? signals[0] : AbortSignal.any(signals) })
  }
}

/**
 * One call's deadline as an AbortSignal, driven by the injected clock: the queues give up on it,
 * undici aborts the request with it, retry sleeps end with it. `dispose` when the call is over.
 */
export class CallDeadline {
  readonly #controller = new AbortController()
  readonly #cancelTimer: () => void
  readonly #outer: AbortSignal | undefined
  readonly #onOuterAbort = () => { this.#abort('cancelled') }
  #cause: AbortCause | undefined

  constructor (private readonly clock: Clock, readonly deadline: number, outer?: AbortSignal) {
    this.#outer = outer
    const left = deadline - clock.now()
    this.#cancelTimer = left > 0 ? clock.setTimer(left, () => { this.#abort('deadline') }) : () => {}
    if (left <= 0) this.#abort('deadline')
    else if (outer?.aborted === true) this.#abort('cancelled')
    else outer?.addEventListener('abort', this.#onOuterAbort, { once: true })
  }

  get signal (): AbortSignal { return this.#controller.signal }
  /** Why the call was aborted; undefined while it may go on. */
  get abortedBy (): AbortCause | undefined { return this.#cause }

  /** Sleeps `ms` unless the call is aborted first; true when the whole sleep passed. */
  async sleep (ms: number): Promise<boolean> {
    const signal = this.signal
    if (signal.aborted) return false
    let onAbort = () => {}
    const aborted = new Promise<void>((resolve) => {
      onAbort = resolve
      signal.addEventListener('abort', onAbort, { once: true })
    })
    await Promise.race([this.clock.sleep(ms), aborted])
    signal.removeEventListener('abort', onAbort)
    return !signal.aborted
  }

  dispose (): void {
    this.#cancelTimer()
    this.#outer?.removeEventListener('abort', this.#onOuterAbort)
  }

  #abort (cause: AbortCause): void {
    if (this.#cause !== undefined) return
    this.#cause = cause
    this.#cancelTimer()
    const reason = cause === 'deadline'
      ? new DeadlineExceededError(this.deadline)
      : new CallCancelledError(this.#outer?.reason)
    this.#controller.abort(reason)
  }
}

/** The abort reason of a call whose deadline came. */
export class DeadlineExceededError extends Error {
  readonly code = 'PRO_DEADLINE_EXCEEDED'

  constructor (readonly deadline: number) {
    super('the PRO call reached its deadline')
    this.name = 'DeadlineExceededError'
  }
}

/** The abort reason of a call whose caller's signal aborted. */
export class CallCancelledError extends Error {
  readonly code = 'PRO_CALL_CANCELLED'

  constructor (cause: unknown) {
    super('the caller gave up on the PRO call', { cause })
    this.name = 'CallCancelledError'
  }
}
