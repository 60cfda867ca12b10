import type { FastifyReply, FastifyRequest } from 'fastify'
import type { SandboxContext } from './context.js'
import { proErrorBody } from './errors.js'
import { rollFault } from './faults.js'
import type { Operation } from './operations.js'

/**
 * Hooks that count every PRO call and apply the configured faults to it. A lost response lets
 * the handler run (the side effect happens) and then swaps the answer for a 500. A response delay
 * holds back the answer of a call whose handler ran, so the caller can die before hearing of it.
 * Either way a 2xx answer that never reached the caller is counted once as a lost answer.
 */
export function createFaultHooks (context: SandboxContext) {
  const operations = new WeakMap<FastifyRequest, Operation>()
  const lostResponses = new WeakSet<FastifyRequest>()
  const heldResponses = new WeakMap<FastifyRequest, number>()

  /** Counts the answer as lost if its connection closes before all of it was written. */
  function watchDelivery (reply: FastifyReply, operation: Operation): void {
    const answer = reply.raw
    const settle = (): void => {
      if (!answer.writableFinished) context.stats.loseAnswer(operation)
    }
    // The caller may be gone already (e.g. it gave up during the latency before the handler ran).
    if (answer.destroyed) settle()
    else answer.once('close', settle)
  }

  function countAndFault (operation: Operation) {
    return async function applyFaults (request: FastifyRequest, reply: FastifyReply): Promise<void> {
      context.stats.count(operation)
      operations.set(request, operation)
      const outcome = rollFault(context.faults.ruleFor(operation), context.random)
      if (outcome.delayMs > 0) {
        try {
          await context.sleep(outcome.delayMs)
        } catch {
          reply.hijack()
          return
        }
      }
      switch (outcome.action) {
        case 'rateLimit':
          await reply.code(429).header('retry-after', String(outcome.retryAfterSeconds))
            .send({ statusCode: 429, message: `Rate limit is exceeded. Try again in ${outcome.retryAfterSeconds} seconds.` })
          return
        case 'error':
          await reply.code(503).send(proErrorBody('ServiceUnavailable', 'The service is temporarily unavailable. Please try again later.'))
          return
        case 'hang':
          request.log.debug({ operation }, 'sandbox fault: leaving the request unanswered')
          reply.hijack()
          return
        case 'lostResponse':
          lostResponses.add(request)
      }
      if (outcome.responseDelayMs > 0) heldResponses.set(request, outcome.responseDelayMs)
    }
  }

  async function beforeAnswer (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    // Runs after the handler (or a 429/503 fault, which has no effect): only a 2xx answer had one.
    const lost = lostResponses.delete(request)
    const operation = operations.get(request)
    operations.delete(request)
    if (operation !== undefined && reply.statusCode >= 200 && reply.statusCode < 300 && !context.withoutEffect.has(request)) {
      if (lost) context.stats.loseAnswer(operation)
      else watchDelivery(reply, operation)
    }
    const heldMs = heldResponses.get(request)
    if (heldMs !== undefined) {
      heldResponses.delete(request)
      // Closing the simulator cuts the wait short; its connections are closed with it.
      await context.sleep(heldMs).catch(() => {})
    }
    if (!lost) return payload
    reply.code(500).header('content-type', 'application/json; charset=utf-8')
    return JSON.stringify(proErrorBody('InternalServerError', 'An unexpected error occurred.'))
  }

  return { countAndFault, beforeAnswer }
}
