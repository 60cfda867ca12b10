import type { FastifyInstance } from 'fastify'
import { manifest, queryConsignments } from '../domain/manifesting.js'
import { bulkResult, link } from '../present/common.js'
import { ConsignmentReferencesBodySchema, ManifestQueryBodySchema } from '../schemas.js'
import { compile, parseBody } from '../validation.js'
import type { RouteDeps } from './deps.js'

const checkReferences = compile(ConsignmentReferencesBodySchema)
const checkQuery = compile(ManifestQueryBodySchema)

/**
 * PRO-API.md §7.7. PRO queues query manifests and finishes them later; the simulator manifests
 * at once, which a client that re-reads the consignments cannot tell apart.
 */
export function registerManifestRoutes (app: FastifyInstance, { context, pro }: RouteDeps): void {
  const hooks = pro('manifest')

  app.route({
    method: ['PUT', 'POST'],
    url: '/consignments/manifestFromQuery',
    ...hooks,
    handler: async request => {
      const query = parseBody(checkQuery, request.body ?? {})
      const results = queryConsignments(context, query).map(consignment => manifest(context, consignment))
      const failed = results.filter(result => !result.success)
      return {
        Message: `Query found ${results.length} consignment(s). ${results.length - failed.length} successfully queued to manifest. ${failed.length} failed to be added to the queue`,
        FailedConsignments: failed.map(result => result.consignment.reference)
      }
    }
  })

  app.put('/consignments/manifest', hooks, async request => {
    const body = parseBody(checkReferences, request.body)
    return body.ConsignmentReferences.map(reference => {
      const consignment = context.state.consignments.get(reference.toUpperCase())
      if (consignment === undefined) return bulkResult(false, `Consignment ${reference} not found`, reference, null)
      const result = manifest(context, consignment)
      return bulkResult(result.success, result.message, consignment.reference, [link('Link', context.href(`/consignments/${consignment.reference}`))])
    })
  })
}
