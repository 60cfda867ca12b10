import fp from 'fastify-plugin'
import type { FastifyInstance } from 'fastify'
import type { Config } from '../../config.js'
import type { ProClient } from '../../services/pro/client.js'
import { createProClients } from '../../services/pro/from-config.js'
import { createProProbe, type ProbeResult } from '../../services/health/pro-probe.js'

export interface ProTarget {
  kind: 'simulator' | 'remote'
  baseUrl: string
}

declare module 'fastify' {
  interface FastifyInstance {
    /** For background work: patient deadlines and retries (PRO_CALL_TIMEOUT_MS), its own share of PRO. */
    pro: ProClient
    /**
     * For checkout options (delivery/pickup options): anonymous traffic, so a budget of its own; every
     * call ends within PRO_INTERACTIVE_TIMEOUT_MS, queue included, and a circuit breaker fails it fast
     * while PRO keeps failing.
     */
    proOptions: ProClient
    /** For order confirmation (select-as-order) and other calls someone waits on: like proOptions, its own budget. */
    proConfirm: ProClient
    proTarget: ProTarget
    probePro: () => Promise<ProbeResult>
    /** The in-process PRO simulator when no PRO_BASE_URL is set, else null. */
    proSimulator: FastifyInstance | null
  }
}

/** Key the service uses towards its own in-process simulator; it guards nothing real. */
const SIMULATOR_KEY = 'in-process-simulator'

async function startSimulator (config: Config, fastify: FastifyInstance): Promise<{ app: FastifyInstance, baseUrl: string }> {
  const { buildSandbox } = await import('../../sandbox/app.js')
  const faults = config.SANDBOX_FAULTS !== undefined ? JSON.parse(config.SANDBOX_FAULTS) : undefined
  const seed = config.SANDBOX_SEED
  const app = await buildSandbox({ apiKey: SIMULATOR_KEY, faults, logger: false, ...(seed === undefined ? {} : { seed }) })
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })
  fastify.log.warn({ baseUrl, seed: seed ?? null }, 'PRO_BASE_URL is not set: using the in-process PRO simulator; no real shipments will be created')
  return { app, baseUrl }
}

/** The typed PRO client, pointed at PRO_BASE_URL or at the in-process simulator. */
export default fp<{ config: Config }>(async function pro (fastify, { config }) {
  let simulator: FastifyInstance | null = null
  let target: ProTarget
  let apiKey: string
  if (config.PRO_BASE_URL) {
    target = { kind: 'remote', baseUrl: config.PRO_BASE_URL }
    apiKey = config.PRO_API_KEY ?? ''
  } else {
    const started = await startSimulator(config, fastify)
    simulator = started.app
    target = { kind: 'simulator', baseUrl: started.baseUrl }
    apiKey = SIMULATOR_KEY
  }

  const clients = createProClients(config, { baseUrl: target.baseUrl, apiKey }, fastify.log)

  fastify.decorate('pro', clients.background)
  fastify.decorate('proOptions', clients.options)
  fastify.decorate('proConfirm', clients.confirm)
  fastify.decorate('proTarget', target)
  fastify.decorate('proSimulator', simulator)
  fastify.decorate('probePro', createProProbe(target.baseUrl, { timeoutMs: Math.min(config.PRO_CONNECT_TIMEOUT_MS + 1000, 3000), cacheMs: 5000 }))

  fastify.addHook('onClose', async () => {
    await clients.close()
    if (simulator) await simulator.close()
  })
}, { name: 'pro' })
