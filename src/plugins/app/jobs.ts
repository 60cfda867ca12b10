import fp from 'fastify-plugin'
import type { Config } from '../../config.js'
import { jobQueueSettings, startJobQueue, type JobQueue } from '../../services/jobs/queue.js'

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
    ...jobQueueSettings(config)
  })
  fastify.decorate('jobs', queue)
  fastify.addHook('onClose', async () => queue.stop())
}, { name: 'jobs', dependencies: ['db'] })
