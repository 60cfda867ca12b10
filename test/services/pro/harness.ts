import { MockAgent, type MockPool } from 'undici'
import type { Clock } from '../../../src/services/pro/clock.js'
import type { Log } from '../../../src/services/log.js'
import { createProClient, type ProClient, type ProClientOptions } from '../../../src/services/pro/client.js'

export const BASE_URL = 'https://pro.test'
export const API_KEY = 'key-that-must-never-be-logged'

export interface LogLine { level: keyof Log, obj: Record<string, unknown>, msg: string | undefined }

/** A clock whose sleep only records the delay and moves time on. */
export function fakeClock (start = Date.UTC(2025, 0, 6, 9)): Clock & { sleeps: number[] } {
  let now = start
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms)
      now += ms
    }
  }
}

export function captureLog (): Log & { lines: LogLine[] } {
  const lines: LogLine[] = []
  const at = (level: keyof Log) => (obj: object, msg?: string) => { lines.push({ level, obj: obj as Record<string, unknown>, msg }) }
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

export interface Harness {
  client: ProClient
  pro: MockPool
  agent: MockAgent
  clock: ReturnType<typeof fakeClock>
  log: ReturnType<typeof captureLog>
}

/** A client talking to an undici MockAgent (no network), with a fake clock and a captured log. */
export function harness (t: { teardown (fn: () => unknown): void }, options: Partial<ProClientOptions> = {}): Harness {
  const agent = new MockAgent()
  agent.disableNetConnect()
  const clock = fakeClock()
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

export const json = (value: unknown) => JSON.stringify(value)

export async function rejection (promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected the promise to reject')
}
