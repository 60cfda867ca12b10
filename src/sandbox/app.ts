import { setMaxListeners } from 'node:events'
import { setTimeout as delay } from 'node:timers/promises'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { authenticate } from './auth.js'
import type { SandboxContext } from './context.js'
import { registerProErrors } from './errors.js'
import { createFaultHooks } from './fault-injection.js'
import { FaultStore, parseFaultSettings, type FaultSettings } from './faults.js'
import { acceptJsonBodies } from './json-body.js'
import { settleManifests } from './domain/manifesting.js'
import { seededRandom } from './random.js'
import { registerAdminRoutes } from './routes/admin.js'
import { registerAllocationRoutes } from './routes/allocation.js'
import { registerConsignmentRoutes } from './routes/consignments.js'
import type { RouteDeps } from './routes/deps.js'
import { registerLabelRoutes } from './routes/labels.js'
import { registerManifestRoutes } from './routes/manifest.js'
import { registerOptionRoutes } from './routes/options.js'
import { registerOrderRoutes } from './routes/orders.js'
import { registerQuoteRoutes } from './routes/quotes.js'
import { registerTrackingRoutes } from './routes/tracking.js'
import { SandboxState } from './state.js'
import { SandboxStats } from './stats.js'

export const DEFAULT_PUBLIC_BASE_URL = 'https://api.electioapp.com'

export interface SandboxOptions {
  /** When set, the only subscription key accepted; otherwise any non-empty key is. */
  apiKey?: string
  faults?: FaultSettings
  logger?: FastifyServerOptions['logger']
  /** The simulator's clock (tests move it). */
  now?: () => Date
  /** Drives fault rolls and latency jitter (tests make them deterministic). */
  random?: () => number
  /** Without `random`: rolls from a PRNG with this seed instead of Math.random, so a fault run can be repeated. */
  seed?: number
  /** The host written into `Href` links. */
  publicBaseUrl?: string
  /** How injected latency is waited for (tests record it instead of waiting). */
  sleep?: (ms: number) => Promise<void>
}

/** The PRO simulator as a Fastify app; call `listen()` or `inject()` on it. */
export async function buildSandbox (options: SandboxOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    forceCloseConnections: true,
    routerOptions: { ignoreTrailingSlash: true }
  })
  const closing = new AbortController()
  // Every call waiting out injected latency listens on this one signal; hundreds may at once under load.
  setMaxListeners(0, closing.signal)
  app.addHook('preClose', async () => { closing.abort() })
  const faults = new FaultStore()
  if (options.faults !== undefined) faults.set(parseFaultSettings(options.faults))
  const baseUrl = (options.publicBaseUrl ?? DEFAULT_PUBLIC_BASE_URL).replace(/\/+$/, '')
  const context: SandboxContext = {
    state: new SandboxState(),
    stats: new SandboxStats(),
    faults,
    now: options.now ?? (() => new Date()),
    random: options.random ?? (options.seed === undefined ? Math.random : seededRandom(options.seed)),
    sleep: options.sleep ?? (async ms => { await delay(ms, undefined, { signal: closing.signal }) }),
    href: path => `${baseUrl}${path}`,
    withoutEffect: new WeakSet()
  }

  acceptJsonBodies(app)
  registerProErrors(app)
  app.addHook('onRequest', async () => { settleManifests(context) })
  const checkKey = authenticate(options.apiKey)
  const { countAndFault, beforeAnswer } = createFaultHooks(context)
  const deps: RouteDeps = {
    context,
    pro: operation => ({ onRequest: [checkKey, countAndFault(operation)], onSend: beforeAnswer })
  }

  registerAdminRoutes(app, context)
  registerOptionRoutes(app, deps)
  registerOrderRoutes(app, deps)
  registerConsignmentRoutes(app, deps)
  registerQuoteRoutes(app, deps)
  registerAllocationRoutes(app, deps)
  registerLabelRoutes(app, deps)
  registerManifestRoutes(app, deps)
  registerTrackingRoutes(app, deps)
  return app
}
