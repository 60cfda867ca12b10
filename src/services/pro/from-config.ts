import type { Config } from '../../config.js'
import type { Log } from '../log.js'
import { createProClient, type ProClient, type ProClientOptions } from './client.js'

/*
 * PRO's capacity (PRO_REQUESTS_PER_SECOND, PRO_MAX_CONCURRENT, PRO_MAX_CONNECTIONS) is shared out
 * between three budgets by PRO_BUDGET_SHARES, each with its own client, connections and queues, so
 * that anonymous options traffic cannot starve confirmations or the fulfilment pipeline.
 */

export const PRO_BUDGETS = ['options', 'confirm', 'background'] as const
export type ProBudget = typeof PRO_BUDGETS[number]

export interface BudgetLimits {
  requestsPerSecond: number
  maxConcurrent: number
  maxConnections: number
}

export interface ProClients {
  /** Checkout options (delivery and pickup options): anonymous traffic; short deadline, breaker. */
  options: ProClient
  /** Order confirmation (select-as-order) and other calls someone waits on; short deadline, breaker. */
  confirm: ProClient
  /** Background work: patient deadline and retries, no breaker. */
  background: ProClient
  /** Closes the three clients. */
  close (): Promise<void>
}

type ParentLog = Log & { child (bindings: object): Log }

interface Target { baseUrl: string, apiKey: string }

/** Weights of PRO_BUDGET_SHARES (`options=N,confirm=N,background=N`; the config schema checks the form). */
export function budgetShares (value: string): Record<ProBudget, number> {
  const weights = Object.fromEntries(value.split(',').map((part) => {
    const [name, weight] = part.split('=')
    return [name, Number(weight)]
  }))
  for (const budget of PRO_BUDGETS) {
    if (!(weights[budget] >= 1)) throw new RangeError(`PRO_BUDGET_SHARES needs a positive share for ${budget}`)
  }
  return weights as Record<ProBudget, number>
}

/**
 * Each budget's part of the caps. The rate is split exactly. Slots and connections are whole: each
 * budget gets its share rounded down, at least 1, and what rounding leaves goes to confirm. Only a
 * cap below 3 is exceeded (every budget keeps one).
 */
export function budgetLimits (config: Config): Record<ProBudget, BudgetLimits> {
  const shares = budgetShares(config.PRO_BUDGET_SHARES)
  const weights = PRO_BUDGETS.map((budget) => shares[budget])
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  const concurrent = wholeParts(config.PRO_MAX_CONCURRENT, weights)
  const connections = wholeParts(config.PRO_MAX_CONNECTIONS, weights)
  return Object.fromEntries(PRO_BUDGETS.map((budget, at) => [budget, {
    requestsPerSecond: config.PRO_REQUESTS_PER_SECOND * weights[at]! / total,
    maxConcurrent: concurrent[at]!,
    maxConnections: connections[at]!
  }])) as Record<ProBudget, BudgetLimits>
}

const CONFIRM = PRO_BUDGETS.indexOf('confirm')

function wholeParts (cap: number, weights: number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0)
  const parts = weights.map((weight) => Math.max(1, Math.floor(cap * weight / total)))
  let left = cap - parts.reduce((sum, part) => sum + part, 0)
  // The floor of 1 may overshoot: take back from the largest parts.
  while (left < 0) {
    const largest = parts.indexOf(Math.max(...parts))
    if (parts[largest]! <= 1) break
    parts[largest] -= 1
    left++
  }
  if (left > 0) parts[CONFIRM] += left
  return parts
}

function common (config: Config, target: Target) {
  return {
    baseUrl: target.baseUrl,
    apiKey: target.apiKey,
    connectTimeoutMs: config.PRO_CONNECT_TIMEOUT_MS
  }
}

function backgroundSettings (config: Config): Partial<ProClientOptions> {
  return {
    headersTimeoutMs: config.PRO_HEADERS_TIMEOUT_MS,
    bodyTimeoutMs: config.PRO_BODY_TIMEOUT_MS,
    maxRetries: config.PRO_MAX_RETRIES,
    callTimeoutMs: config.PRO_CALL_TIMEOUT_MS
  }
}

/** Shopper-facing: the whole call, queue and retries included, ends within PRO_INTERACTIVE_TIMEOUT_MS. */
function interactiveSettings (config: Config): Partial<ProClientOptions> {
  return {
    headersTimeoutMs: config.PRO_INTERACTIVE_TIMEOUT_MS,
    bodyTimeoutMs: config.PRO_INTERACTIVE_TIMEOUT_MS,
    callTimeoutMs: config.PRO_INTERACTIVE_TIMEOUT_MS,
    maxRetries: config.PRO_INTERACTIVE_RETRIES,
    retryMaxDelayMs: 500,
    retryAfterMaxMs: 1000,
    breaker: config.PRO_BREAKER_THRESHOLD === 0
      ? undefined
      : { threshold: config.PRO_BREAKER_THRESHOLD, halfOpenAfterMs: config.PRO_BREAKER_HALF_OPEN_AFTER_MS }
  }
}

/** The three budgets' clients. `overrides` (tests: dispatcher, clock) apply to each. */
export function createProClients (config: Config, target: Target, log: ParentLog, overrides: Partial<ProClientOptions> = {}): ProClients {
  const limits = budgetLimits(config)
  const client = (budget: ProBudget, settings: Partial<ProClientOptions>) => createProClient({
    ...common(config, target),
    ...limits[budget],
    ...settings,
    logger: log.child({ component: 'pro-client', budget }),
    ...overrides
  })
  const clients = {
    options: client('options', interactiveSettings(config)),
    confirm: client('confirm', interactiveSettings(config)),
    background: client('background', backgroundSettings(config))
  }
  return {
    ...clients,
    async close () {
      await Promise.all(Object.values(clients).map(async (each) => { await each.close() }))
    }
  }
}

/** The background client alone, with the whole of the caps: for a process that runs only workers. */
export function createBackgroundProClient (config: Config, target: Target, log: ParentLog, overrides: Partial<ProClientOptions> = {}): ProClient {
  return createProClient({
    ...common(config, target),
    requestsPerSecond: config.PRO_REQUESTS_PER_SECOND,
    maxConcurrent: config.PRO_MAX_CONCURRENT,
    maxConnections: config.PRO_MAX_CONNECTIONS,
    ...backgroundSettings(config),
    logger: log.child({ component: 'pro-client', budget: 'background' }),
    ...overrides
  })
}
