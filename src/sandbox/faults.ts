import { Type, type Static } from '@sinclair/typebox'
import { TypeCompiler } from '@sinclair/typebox/compiler'
import { OPERATIONS, type Operation } from './operations.js'

const Rate = Type.Optional(Type.Number({ minimum: 0, maximum: 1 }))
const Milliseconds = Type.Optional(Type.Integer({ minimum: 0, maximum: 600_000 }))

const FaultRuleSchema = Type.Object({
  latencyMs: Milliseconds,
  jitterMs: Milliseconds,
  errorRate: Rate,
  rateLimitRate: Rate,
  hangRate: Rate,
  lostResponseRate: Rate,
  /** Held back after the operation took effect, before its answer is sent (a window to crash the caller in). */
  responseDelayMs: Milliseconds,
  retryAfterSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 3600 })),
  /**
   * Allocate calls only: the share of consignments the carrier turns down although a service fits;
   * each becomes AllocationFailed and is reported as a failed entry inside the call's 200 answer.
   */
  allocationFailureRate: Rate
}, { additionalProperties: false })
export type FaultRule = Static<typeof FaultRuleSchema>

export const FaultSettingsSchema = Type.Object({
  ...FaultRuleSchema.properties,
  operations: Type.Optional(Type.Object(
    Object.fromEntries(OPERATIONS.map(operation => [operation, Type.Optional(FaultRuleSchema)])),
    { additionalProperties: false }
  ))
}, { additionalProperties: false })

export interface FaultSettings extends FaultRule {
  operations?: Partial<Record<Operation, FaultRule>>
}

const checkSettings = TypeCompiler.Compile(FaultSettingsSchema)

export class FaultSettingsError extends Error {
  constructor (readonly problems: Array<{ path: string, message: string }>) {
    super(`invalid fault settings: ${problems.map(problem => `${problem.path || '/'} ${problem.message}`).join('; ')}`)
    this.name = 'FaultSettingsError'
  }
}

export function parseFaultSettings (value: unknown): FaultSettings {
  if (checkSettings.Check(value)) return value as FaultSettings
  const problems = [...checkSettings.Errors(value)].slice(0, 5).map(error => ({ path: error.path, message: error.message }))
  throw new FaultSettingsError(problems)
}

export type FaultAction = 'none' | 'rateLimit' | 'error' | 'hang' | 'lostResponse'

export interface FaultOutcome { delayMs: number, action: FaultAction, retryAfterSeconds: number, responseDelayMs: number }

/** The settings in force; an operation's own rule overrides the top-level fields one by one. */
export class FaultStore {
  private settings: FaultSettings = {}

  get (): FaultSettings {
    return this.settings
  }

  set (settings: FaultSettings): void {
    this.settings = settings
  }

  clear (): void {
    this.settings = {}
  }

  ruleFor (operation: Operation): FaultRule {
    const { operations, ...global } = this.settings
    return { ...global, ...operations?.[operation] }
  }
}

/**
 * Decides what happens to one call: a delay of latency ± jitter, then at most one fault, tried
 * in the order rate limit, error, hang, lost response (each rolled only when its rate is set).
 */
export function rollFault (rule: FaultRule, random: () => number): FaultOutcome {
  const jitter = rule.jitterMs ?? 0
  const delayMs = Math.max(0, Math.round((rule.latencyMs ?? 0) + (jitter > 0 ? (random() * 2 - 1) * jitter : 0)))
  const retryAfterSeconds = rule.retryAfterSeconds ?? 1
  const responseDelayMs = rule.responseDelayMs ?? 0
  const rolls: Array<[FaultAction, number | undefined]> = [
    ['rateLimit', rule.rateLimitRate],
    ['error', rule.errorRate],
    ['hang', rule.hangRate],
    ['lostResponse', rule.lostResponseRate]
  ]
  for (const [action, rate] of rolls) {
    if (rate !== undefined && rate > 0 && random() < rate) return { delayMs, action, retryAfterSeconds, responseDelayMs }
  }
  return { delayMs, action: 'none', retryAfterSeconds, responseDelayMs }
}
