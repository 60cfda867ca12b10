import fp from 'fastify-plugin'
import type { Config } from '../../config.js'
import { startJobQueue, type JobQueue } from '../../services/jobs/queue.js'

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue
  }
}

/** The pg-boss job queue on the service database; stopped (waiting for in-flight work) on close. */
export default fp<{ config: Config }>(async function jobs (fastify, { config }) {
  const queue = await startJobQueue({
    connectionString: fastify.db.connectionString,
    log: fastify.log.child({ component: 'jobs' }),
    supervise: true,
    fulfilmentAttempts: config.FULFILMENT_MAX_ATTEMPTS,
    jobTimeoutSeconds: config.FULFILMENT_JOB_TIMEOUT_SECONDS
  })
  fastify.decorate('jobs', queue)
  fastify.addHook('onClose', async () => queue.stop())
}, { name: 'jobs', dependencies: ['db'] })
