import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { LivenessSchema, ReadinessSchema } from '../../schemas/health.js'
import { checkReadiness } from '../../services/health/readiness.js'

const healthRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addSchema(LivenessSchema)
  fastify.addSchema(ReadinessSchema)

  fastify.get('/health/live', {
    logLevel: 'warn',
    schema: {
      tags: ['health'],
      summary: 'The process is up',
      response: { 200: Type.Ref(LivenessSchema) }
    }
  }, async () => ({ status: 'ok' as const }))

  fastify.get('/health/ready', {
    logLevel: 'warn',
    schema: {
      tags: ['health'],
      summary: 'Database reachable and migrated, PRO reachable',
      description: 'Answers 503 while any check fails. `checks.pro.target` says whether PRO is the real API or the built-in simulator.',
      response: {
        200: Type.Ref(ReadinessSchema),
        503: Type.Ref(ReadinessSchema)
      }
    }
  }, async (_request, reply) => {
    const readiness = await checkReadiness({
      database: fastify.db,
      migrations: fastify.migrations,
      probePro: fastify.probePro,
      proTarget: fastify.proTarget.kind
    })
    return reply.code(readiness.ready ? 200 : 503).send({
      status: readiness.ready ? 'ready' : 'not_ready',
      checks: readiness.checks
    })
  })
}

export default healthRoutes
