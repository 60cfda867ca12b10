import fp from 'fastify-plugin'
import type { Config } from '../../config.js'
import { fulfilmentDeps, type FulfilmentDeps } from '../../services/fulfilment/deps.js'
import { runManifest, type ManifestRunSummary } from '../../services/fulfilment/manifest-run.js'
import { startWorkers } from '../../services/fulfilment/workers.js'

export interface Fulfilment {
  deps: FulfilmentDeps
  runManifest (): Promise<ManifestRunSummary>
}

declare module 'fastify' {
  interface FastifyInstance {
    fulfilment: Fulfilment
  }
}


/** The pipeline's dependencies; with WORKERS=inline this process also runs the workers. */
export default fp<{ config: Config }>(async function fulfilment (fastify, { config }) {
  const deps = fulfilmentDeps(config, { pool: fastify.db.pool, pro: fastify.pro, log: fastify.log.child({ component: 'fulfilment' }) })
  fastify.decorate('fulfilment', { deps, runManifest: () => runManifest(deps) })
  if (config.WORKERS === 'inline') {
    await startWorkers(fastify.jobs, deps, {
      concurrency: config.FULFILMENT_CONCURRENCY,
      maxAttempts: config.FULFILMENT_MAX_ATTEMPTS,
      manifestCron: config.MANIFEST_CRON
    })
    fastify.log.info({ concurrency: config.FULFILMENT_CONCURRENCY, manifestCron: config.MANIFEST_CRON }, 'fulfilment workers running in this process')
  }
}, { name: 'fulfilment', dependencies: ['db', 'pro', 'jobs'] })
