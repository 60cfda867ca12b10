import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { staffSecurity } from '../../schemas/admin.js'
import { ManifestRunSchema } from '../../schemas/manifests.js'
import { problemResponse } from '../../schemas/problem.js'

/** The staff trigger of a manifest run (the schedule MANIFEST_CRON runs the same thing). */
const manifestRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.addHook('onRequest', fastify.requireStaff)

  fastify.post('/manifests', {
    schema: {
      tags: ['operations'],
      summary: 'Run a manifest batch now',
      description: 'Manifests every labelled, not yet manifested consignment in one PRO call per (shipping location, carrier), reads each one\'s state back and answers the batches. Consignments PRO did not manifest join the next run.',
      security: staffSecurity,
      response: {
        200: ManifestRunSchema,
        401: problemResponse('Missing or invalid staff key'),
        502: problemResponse('PRO rejected the manifest request or answered unexpectedly'),
        503: problemResponse('PRO unavailable; the next run picks these consignments up again (or settles them from PRO)')
      }
    }
  }, async () => fastify.fulfilment.runManifest())
}

export default manifestRoutes
