import type { CheckoutOption } from '../../schemas/checkout-options.js'
import type { AllocationResult } from '../pro/readers.js'
import type { OrderRow } from '../store/orders.js'
import type { AllocationStrategy, StepDeps } from './deps.js'

/** What a call allocates with: the option's carrier service, PRO's default rules or a service group. */
export type AllocationPlan =
  | { kind: 'service', serviceReference: string }
  | Exclude<AllocationStrategy, { kind: 'option' }>

/**
 * The plan for an order's consignments under the configured strategy. With `option`, the chosen
 * option's carrier service keeps the promise made to the shopper, but only until the option's
 * AllocationCutOff (PRO-API.md §7.1: unused after it, the option is invalid): then the fallback.
 * `undefined`: the option's service is past its cut-off and there is no fallback.
 */
export function firstPlan (deps: Pick<StepDeps, 'allocation' | 'allocationFallback'>, order: OrderRow | null, now: Date): AllocationPlan | undefined {
  if (deps.allocation.kind !== 'option') return deps.allocation
  const option = order?.optionSnapshot as CheckoutOption | undefined
  if (!option?.serviceReference) return { kind: 'rules' }
  if (Date.parse(option.cutOff) > now.getTime()) return { kind: 'service', serviceReference: option.serviceReference }
  return deps.allocationFallback ?? undefined
}

export function describePlan (plan: AllocationPlan): string {
  if (plan.kind === 'service') return `carrier service ${plan.serviceReference}`
  return plan.kind === 'rules' ? 'default rules' : `service group ${plan.serviceGroupReference}`
}

/** One allocation call (one per consignment for a service group, which PRO takes one at a time). */
export async function allocateWith (deps: StepDeps, plan: AllocationPlan, references: string[]): Promise<AllocationResult[]> {
  if (plan.kind === 'rules') return deps.pro.allocateWithDefaultRules(references)
  if (plan.kind === 'service') return deps.pro.allocateWithCarrierService(plan.serviceReference, references)
  const results: AllocationResult[] = []
  for (const reference of references) results.push(...await deps.pro.allocateWithServiceGroup(reference, plan.serviceGroupReference))
  return results
}
