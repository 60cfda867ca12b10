import type { FastifyInstance } from 'fastify'
import type { SandboxContext } from '../context.js'
import { ProError } from '../errors.js'
import { FaultSettingsError, parseFaultSettings } from '../faults.js'
import { statsSnapshot } from '../stats.js'

/** The `/_sandbox` control routes for tests and load runs; they need no API key and are never faulted. */
export function registerAdminRoutes (app: FastifyInstance, context: SandboxContext): void {
  app.get('/_sandbox/stats', async () => statsSnapshot(context.stats, context.state))

  app.post('/_sandbox/reset', async (_request, reply) => {
    context.state.clear()
    context.stats.reset()
    context.faults.clear()
    return await reply.code(204).send()
  })

  app.get('/_sandbox/faults', async () => context.faults.get())

  app.put('/_sandbox/faults', async request => {
    try {
      context.faults.set(parseFaultSettings(request.body))
    } catch (error) {
      if (!(error instanceof FaultSettingsError)) throw error
      throw new ProError(400, 'InvalidFaultSettings', error.message, error.problems.map(problem => ({ Code: 'InvalidValue', Target: problem.path || 'body', Message: problem.message })))
    }
    return context.faults.get()
  })

  app.delete('/_sandbox/faults', async (_request, reply) => {
    context.faults.clear()
    return await reply.code(204).send()
  })
}
