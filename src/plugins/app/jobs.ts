import fp from 'fastify-plugin'
import { HOUSEKEEPING_CRON, QUEUES, startJobQueue, type JobQueue } from '../../services/jobs/queue.js'
import { runHousekeeping } from '../../services/jobs/housekeeping.js'

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue
  }
}

/** The pg-boss job queue on the service database; stopped (waiting for in-flight work) on close. */
export default fp(async function jobs (fastify) {
  const queue = await startJobQueue({
    connectionString: fastify.db.connectionString,
    ...(fastify.db.embedded && { sharedPool: fastify.db.pool }),
    log: fastify.log.child({ component: 'jobs' }),
    supervise: true
  })
  fastify.decorate('jobs', queue)
  await queue.boss.schedule(QUEUES.housekeeping, HOUSEKEEPING_CRON)
  await queue.boss.work(QUEUES.housekeeping, async () => {
    const result = await runHousekeeping(fastify.db.pool, new Date())
    fastify.log.info(result, 'housekeeping done')
  })
  fastify.addHook('onClose', async () => queue.stop())
}, { name: 'jobs', dependencies: ['db'] })
