import { setImmediate as tick, setTimeout as sleep } from 'node:timers/promises'
import { MockAgent, type MockPool } from 'undici'
import type { Clock } from '../../../src/services/pro/clock.js'
import type { Log } from '../../../src/services/log.js'
import { createProClient, type ProClient, type ProClientOptions } from '../../../src/services/pro/client.js'

export const BASE_URL = 'https://pro.test'
export const API_KEY = 'key-that-must-never-be-logged'

export interface LogLine { level: keyof Log, obj: Record<string, unknown>, msg: string | undefined }

interface Timer { due: number, fn: () => void }

/** Timers of a fake clock, fired in order of their due time as the clock moves on. */
class Timers {
  readonly #pending: Timer[] = []

  add (due: number, fn: () => void): () => void {
    const timer = { due, fn }
    this.#pending.push(timer)
    return () => {
      const at = this.#pending.indexOf(timer)
      if (at >= 0) this.#pending.splice(at, 1)
    }
  }

  /** The earliest timer due at or before `time`, taken off the list. */
  next (time: number): Timer | undefined {
    let first: Timer | undefined
    for (const timer of this.#pending) if (timer.due <= time && (first === undefined || timer.due < first.due)) first = timer
    if (first !== undefined) this.#pending.splice(this.#pending.indexOf(first), 1)
    return first
  }

  get size (): number { return this.#pending.length }
}

/**
 * A clock whose sleep only records the delay and moves time on (firing the timers it passes). Like
 * a real sleep, it first lets the work that is ready run.
 */
export function fakeClock (start = Date.UTC(2025, 0, 6, 9)): Clock & { sleeps: number[] } {
  let now = start
  const sleeps: number[] = []
  const timers = new Timers()
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms)
      await tick()
      const until = now + ms
      for (let timer = timers.next(until); timer !== undefined; timer = timers.next(until)) {
        now = Math.max(now, timer.due)
        timer.fn()
      }
      now = until
    },
    setTimer: (ms, fn) => timers.add(now + ms, fn)
  }
}

export async function settle (): Promise<void> {
  for (let i = 0; i < 20; i++) await tick()
}

/** A clock that stands still until the test moves it with `advance`; sleeps and timers wait for it. */
export function manualClock (start = Date.UTC(2025, 0, 6, 9)): Clock & { advance (ms: number): Promise<void>, sleeps: number[] } {
  let now = start
  const sleeps: number[] = []
  const timers = new Timers()
  const setTimer = (ms: number, fn: () => void) => timers.add(now + ms, fn)
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms)
      await new Promise<void>((resolve) => { setTimer(ms, resolve) })
    },
    setTimer,
    async advance (ms) {
      const until = now + ms
      await settle()
      for (let timer = timers.next(until); timer !== undefined; timer = timers.next(until)) {
        now = Math.max(now, timer.due)
        timer.fn()
        await settle()
      }
      now = until
      await settle()
    }
  }
}

/** Waits (on real time, a few ms at a time) until `condition` holds; the test's timeout bounds it. */
export async function until (condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(2)
}

export function captureLog (): Log & { lines: LogLine[] } {
  const lines: LogLine[] = []
  const at = (level: keyof Log) => (obj: object, msg?: string) => { lines.push({ level, obj: obj as Record<string, unknown>, msg }) }
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

export interface Harness<C extends Clock = ReturnType<typeof fakeClock>> {
  client: ProClient
  pro: MockPool
  agent: MockAgent
  clock: C
  log: ReturnType<typeof captureLog>
}

/**
 * A client talking to an undici MockAgent (no network), with a fake clock and a captured log.
 * Pass `manualClock()` as `clock` for time that moves only when the test says so.
 */
export function harness<C extends Clock = ReturnType<typeof fakeClock>> (
  t: { teardown (fn: () => unknown): void },
  options: Partial<ProClientOptions> = {},
  clock: C = fakeClock() as Clock as C
): Harness<C> {
  const agent = new MockAgent()
  agent.disableNetConnect()
  const log = captureLog()
  const client = createProClient({
    baseUrl: BASE_URL,
    apiKey: API_KEY,
    dispatcher: agent,
    clock,
    logger: log,
    random: () => 0.5,
    ...options
  })
  t.teardown(async () => {
    await client.close()
    await agent.close()
  })
  return { client, pro: agent.get(BASE_URL), agent, clock, log }
}

/** A promise's outcome as it stands, without waiting for it. */
export function watch<T> (promise: Promise<T>): { readonly settled: boolean, readonly error: unknown, readonly value: T | undefined } {
  const state = { settled: false, error: undefined as unknown, value: undefined as T | undefined }
  promise.then((value) => { state.value = value; state.settled = true }, (error: unknown) => { state.error = error; state.settled = true })
  return state
}

export const json = (value: unknown) => JSON.stringify(value)

export async function rejection (promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the promise to reject')
}
