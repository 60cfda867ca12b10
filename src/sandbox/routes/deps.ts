import type { FastifyReply, FastifyRequest } from 'fastify'
import type { SandboxContext } from '../context.js'
import type { Operation } from '../operations.js'

export interface ProRouteHooks {
  onRequest: Array<(request: FastifyRequest, reply: FastifyReply) => Promise<void>>
  onSend: (request: FastifyRequest, reply: FastifyReply, payload: unknown) => Promise<unknown>
}

/** What route modules get: the shared context and the hooks (auth, counting, faults) of a PRO operation. */
export interface RouteDeps {
  context: SandboxContext
  pro: (operation: Operation) => ProRouteHooks
}

export type ReferenceParams = { Params: { reference: string } }
