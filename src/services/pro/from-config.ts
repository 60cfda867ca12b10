import type { Config } from '../../config.js'
import type { Log } from '../log.js'
import { createProClient, type ProClient } from './client.js'

export interface ProClients {
  /** For background work: patient timeouts and retries. */
  background: ProClient
  /** For calls a shopper waits on: short timeouts, few retries. */
  interactive: ProClient
}

export function createProClients (config: Config, target: { baseUrl: string, apiKey: string }, log: Log & { child (bindings: object): Log }): ProClients {
  const common = {
    baseUrl: target.baseUrl,
    apiKey: target.apiKey,
    connectTimeoutMs: config.PRO_CONNECT_TIMEOUT_MS,
    maxConnections: config.PRO_MAX_CONNECTIONS,
    maxConcurrent: config.PRO_MAX_CONCURRENT,
    requestsPerSecond: config.PRO_REQUESTS_PER_SECOND
  }
  return {
    background: createProClient({
      ...common,
      headersTimeoutMs: config.PRO_HEADERS_TIMEOUT_MS,
      bodyTimeoutMs: config.PRO_BODY_TIMEOUT_MS,
      maxRetries: config.PRO_MAX_RETRIES,
      logger: log.child({ component: 'pro-client' })
    }),
    interactive: createProClient({
      ...common,
      headersTimeoutMs: config.PRO_INTERACTIVE_TIMEOUT_MS,
      bodyTimeoutMs: config.PRO_INTERACTIVE_TIMEOUT_MS,
      maxRetries: config.PRO_INTERACTIVE_RETRIES,
      retryMaxDelayMs: 500,
      retryAfterMaxMs: 1000,
      logger: log.child({ component: 'pro-client', interactive: true })
    })
  }
}
