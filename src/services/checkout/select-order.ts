import { setTimeout as sleep } from 'node:timers/promises'
import { AppError } from '../../errors.js'
import type { CheckoutOption } from '../../schemas/checkout-options.js'
import type { ConfirmRequest } from '../../schemas/checkout-orders.js'
import { isLeaseLost, type Lease } from '../leases/lease.js'
import type { Log } from '../log.js'
import type { ProClient } from '../pro/client.js'
import { isProError, ProRejectedError } from '../pro/errors.js'
import { logRejection, refusesTheRequest } from '../pro/rejections.js'
import * as keys from '../store/idempotency.js'
import * as orders from '../store/orders.js'
import { recordSpareOrder } from '../store/spare-orders.js'
import type pg from 'pg'

export interface SelectDeps {
  pool: pg.Pool
  pro: Pick<ProClient, 'selectOrder'>
  log: Log
  now: () => Date
}

/** Writing PRO's answer is retried this often (a connection drop, a failover) before it is given up. */
const RECORD_ATTEMPTS = 4
const RECORD_RETRY_MS = 250

/**
 * Asks PRO to turn the option into an order and records PRO's reference under the lease. The answer
 * is never dropped on a transient database error; a holder that lost its lease records the order it
 * made as spare (the new holder makes its own) and answers 409.
 */
export async function selectProOrder (deps: SelectDeps, lease: Lease, keyScope: string, keyHash: string, order: orders.OrderRow, request: ConfirmRequest): Promise<string> {
  const metadata = Object.entries(request.metadata ?? {}).map(([KeyValue, StringValue]) => ({ KeyValue, StringValue }))
  if (lease.tookOver) {
    await keepSpare(deps, order.id, null, 'an earlier confirm with this key stopped without recording PRO\'s answer; PRO may hold an order whose CheckoutOrderId metadata is this order id')
  }
  let reference: string
  try {
    const answer = await deps.pro.selectOrder({
      DeliveryOptions: [{
        Reference: order.optionId,
        OrderReferenceProvidedByCustomer: order.merchantReference,
        MetaData: [{ KeyValue: 'CheckoutOrderId', StringValue: order.id }, ...metadata]
      }]
    })
    reference = acceptedReference(answer.SelectOrderResults, order.optionId)
  } catch (err) {
    await settleFailure(deps, lease, keyScope, keyHash, order.id, err)
    if (err instanceof ProRejectedError) logRejection(deps.log, err, { orderId: order.id, optionId: order.optionId }, 'PRO refused select-as-order')
    throw selectRefusal(err, order.optionSnapshot as CheckoutOption, deps.now())
  }
  await recordReference(deps, lease, order.id, reference)
  return reference
}

async function recordReference (deps: SelectDeps, lease: Lease, orderId: string, reference: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      if (await lease.write((client) => orders.recordProOrderReference(client, orderId, reference))) return
      throw new AppError('IDEMPOTENCY_IN_PROGRESS', { detail: 'Another request with this Idempotency-Key completed the order', retryAfterSeconds: 1 })
    } catch (err) {
      if (isLeaseLost(err) || err instanceof AppError) {
        await keepSpare(deps, orderId, reference, 'made by a confirm that had lost its Idempotency-Key lease')
        throw new AppError('IDEMPOTENCY_IN_PROGRESS', { detail: 'The request with this Idempotency-Key was taken over by a retry', retryAfterSeconds: 1 })
      }
      if (attempt >= RECORD_ATTEMPTS) {
        deps.log.error({ orderId, proOrderReference: reference, err }, 'PRO created the order but it could not be recorded; the lease runs out and a retry may select again')
        throw err
      }
      deps.log.warn({ orderId, attempt, err }, 'recording PRO\'s order reference failed; trying again')
      await sleep(RECORD_RETRY_MS * 2 ** (attempt - 1))
    }
  }
}

async function keepSpare (deps: SelectDeps, orderId: string, reference: string | null, reason: string): Promise<void> {
  deps.log.warn({ orderId, proOrderReference: reference, reason }, 'a spare PRO order may exist')
  await recordSpareOrder(deps.pool, orderId, reference, reason)
    .catch((err: unknown) => { deps.log.error({ orderId, proOrderReference: reference, err }, 'recording a spare PRO order failed') })
}

type SelectResults = Awaited<ReturnType<ProClient['selectOrder']>>['SelectOrderResults']

/**
 * PRO's order for our option. PRO answers 200 with one result per option, each with its own `Status`
 * (PRO-API.md §7.1): a failed entry is PRO refusing that option (it made no order), read as the HTTP
 * refusal it stands for; an answer naming no result for our option is unusable.
 */
function acceptedReference (results: SelectResults, optionId: string): string {
  const result = results?.find((r) => r.DeliveryOptionReference?.toUpperCase() === optionId.toUpperCase())
  const status = result?.Status ?? 201
  if (result !== undefined && (status < 200 || status >= 300)) {
    throw new ProRejectedError('selectOrder', status, { Code: null, Message: result.Message ?? null, CorrelationId: null, Details: null })
  }
  if (result?.OrderReference) return result.OrderReference
  throw new AppError('UPSTREAM_REJECTED', { detail: 'The shipping platform answered without an order for the option' })
}

/**
 * A failure PRO certainly did not act on frees the key, unless an earlier attempt's outcome was
 * unknown; an uncertain one leaves it for a retry to resume (and records the possible spare order).
 */
async function settleFailure (deps: SelectDeps, lease: Lease, keyScope: string, keyHash: string, orderId: string, err: unknown): Promise<void> {
  const certain = !isProError(err) || !err.outcomeUnknown
  if (certain) {
    await lease.write(async (client) => {
      if (await orders.deleteUnconfirmedOrder(client, orderId)) await keys.forgetKey(client, keyScope, keyHash)
    })
  } else {
    await keepSpare(deps, orderId, null, 'select-as-order answer lost; PRO may hold an order whose CheckoutOrderId metadata is this order id')
    deps.log.warn({ orderId, err }, 'select-as-order outcome unknown; a retry with the same key will resume')
  }
}

/** A refusal PRO gives this close to the option's cut-off, by our clock, is taken for expiry (the clocks differ). */
const CUT_OFF_SKEW_MS = 60_000

/**
 * What PRO refusing select-as-order tells the shopper, from the HTTP status and the option's
 * cut-off (PRO's `Code` is only logged): past (or at) the cut-off, the option expired; otherwise
 * PRO no longer takes it. Anything else (our credentials, PRO failing) is passed on as it is.
 */
export function selectRefusal (err: unknown, option: CheckoutOption, now: Date): unknown {
  if (!(err instanceof ProRejectedError) || !refusesTheRequest(err)) return err
  if (Date.parse(option.cutOff) - CUT_OFF_SKEW_MS <= now.getTime()) {
    return new AppError('OPTION_EXPIRED', { detail: `Option ${option.id} passed its cut-off at ${option.cutOff}` })
  }
  return new AppError('OPTION_NOT_FOUND', { detail: `The shipping platform no longer accepts option ${option.id}; ask for options again` })
}
