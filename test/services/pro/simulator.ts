import type { FastifyInstance } from 'fastify'
import { buildSandbox, type SandboxOptions } from '../../../src/sandbox/app.js'
import type { FaultSettings } from '../../../src/sandbox/faults.js'
import { createProClient, type ProClient, type ProClientOptions } from '../../../src/services/pro/client.js'
import { Clock } from '../../sandbox/helper.js'
import { fakeClock } from './harness.js'

/** The typed PRO client talking to the PRO simulator over real HTTP on 127.0.0.1. */

export const SIMULATOR_KEY = 'simulator-subscription-key'

/** One PRO answer as the simulator sent it (after any injected fault), for comparing with the client's errors. */
export interface SentAnswer { method: string, url: string, status: number, body: any }

export interface Simulated {
  app: FastifyInstance
  client: ProClient
  /** The client's clock: its sleeps (backoff, Retry-After, rate limit) are recorded, not waited for. */
  clientClock: ReturnType<typeof fakeClock>
  /** The simulator's clock: tests move it (e.g. past a queued manifest). */
  simulatorClock: Clock
  answers: SentAnswer[]
  stats (): Promise<any>
  setFaults (settings: FaultSettings): Promise<void>
}

interface Teardown { teardown (fn: () => unknown): void }

export interface SimulatorOptions {
  sandbox?: SandboxOptions
  client?: Partial<ProClientOptions>
}

/** Fault rolls that come out as `rolls` in order and then never fault again. */
export function scriptedRandom (...rolls: number[]): () => number {
  const queue = [...rolls]
  return () => queue.shift() ?? 0.999
}

function parsed (payload: unknown): unknown {
  if (typeof payload !== 'string' || payload === '') return undefined
  try {
    return JSON.parse(payload)
  } catch {
    return payload
  }
}

export async function startSimulator (t: Teardown, options: SimulatorOptions = {}): Promise<Simulated> {
  const simulatorClock = new Clock()
  const app = await buildSandbox({ now: simulatorClock.now, apiKey: SIMULATOR_KEY, ...options.sandbox })
  const answers: SentAnswer[] = []
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.url.startsWith('/_sandbox')) {
      answers.push({ method: request.method, url: request.url, status: reply.statusCode, body: parsed(payload) })
    }
    return payload
  })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  const clientClock = fakeClock()
  const client = createProClient({ baseUrl: url, apiKey: SIMULATOR_KEY, clock: clientClock, random: () => 0.5, ...options.client })
  t.teardown(async () => {
    try {
      await client.close()
    } finally {
      await app.close()
    }
  })

  async function admin (method: string, path: string, body?: unknown): Promise<any> {
    const response = await fetch(`${url}/_sandbox/${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    })
    if (!response.ok) throw new Error(`simulator ${method} /_sandbox/${path} answered ${response.status}: ${await response.text()}`)
    return await response.json()
  }

  return {
    app,
    client,
    clientClock,
    simulatorClock,
    answers,
    stats: async () => await admin('GET', 'stats'),
    setFaults: async (settings) => { await admin('PUT', 'faults', settings) }
  }
}
