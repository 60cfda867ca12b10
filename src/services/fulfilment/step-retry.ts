import { setTimeout as sleep } from 'node:timers/promises'
import { ProTimeoutError, ProUnavailableError } from '../pro/errors.js'
import type { ProCallBound } from '../pro/client.js'
import type { Log } from '../log.js'

export interface StepRetryOptions {
  /** The pass's bound: no retry starts once its signal is aborted or too little time is left. */
  bound: Required<ProCallBound>
  log: Log
  /** Tries of one step, the first included. */
  tries?: number
  /** The first pause; each further one doubles, up to `maxPauseMs`, with ±50 % jitter. */
  firstPauseMs?: number
  maxPauseMs?: number
}

const TRIES = 4
const FIRST_PAUSE_MS = 500
const MAX_PAUSE_MS = 4000
/** A retry is worth starting only with at least this long left for its calls. */
const MIN_TIME_LEFT_MS = 1000

/**
 * PRO failing for a moment (a 5xx, a 429, a call that timed out or could not be sent): worth trying
 * the step again at once. A refusal (4xx), an unreadable answer or a lost lease is not.
 */
export function isTransient (err: unknown): boolean {
  return err instanceof ProUnavailableError || err instanceof ProTimeoutError
}

/** PRO's Retry-After of a 429; other failures carry our own advice for API callers, not PRO's. */
function rateLimitPauseMs (err: unknown): number {
  return err instanceof ProUnavailableError && err.upstreamStatus === 429 ? (err.retryAfterSeconds ?? 0) * 1000 : 0
}

/**
 * Runs one fulfilment step, trying it again after a short pause when PRO failed for a moment, within
 * the pass's deadline. Safe because every step starts from what is recorded and, after an outcome it
 * could not know, looks PRO up before doing anything again. Without this, one PRO hiccup cost a whole
 * job retry; what is still failing after the tries goes to the job's retries as before.
 */
export async function withStepRetries<T> (step: string, work: () => Promise<T>, options: StepRetryOptions): Promise<T> {
  const tries = options.tries ?? TRIES
  let pauseMs = options.firstPauseMs ?? FIRST_PAUSE_MS
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (err) {
      const pause = Math.min(Math.max(pauseMs * (0.5 + Math.random()), rateLimitPauseMs(err)), options.maxPauseMs ?? MAX_PAUSE_MS)
      const timeLeft = options.bound.deadline() - Date.now() - pause
      if (attempt >= tries || !isTransient(err) || options.bound.signal.aborted || timeLeft < MIN_TIME_LEFT_MS) throw err
      options.log.info({ step, attempt, pauseMs: Math.round(pause), err }, 'PRO failed a fulfilment step for a moment; trying the step again')
      await sleep(pause, undefined, { signal: options.bound.signal }).catch(() => { throw err })
      pauseMs *= 2
    }
  }
}
