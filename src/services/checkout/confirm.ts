import { createHash, randomUUID } from 'node:crypto'
import type pg from 'pg'
import { AppError } from '../../errors.js'
import type { Log } from '../log.js'
import type { ProClient } from '../pro/client.js'
import type { JobQueue } from '../jobs/queue.js'
import type { ConfirmRequest, ConfirmResponse } from '../../schemas/checkout-orders.js'
import type { CheckoutOption } from '../../schemas/checkout-options.js'
import { acquireLease, isLeaseLost, type Lease } from '../leases/lease.js'
import { findAlternative, findOffer, type OptionOffer } from '../store/option-offers.js'
import * as orders from '../store/orders.js'
import * as keys from '../store/idempotency.js'
import { claimOption } from '../store/option-uses.js'
import { normaliseItems, type NormalisedOptionsRequest } from './options-request.js'
import { hashOrderToken, newOrderToken } from './order-token.js'
import { hashIdempotencyKey, seal, unseal } from './sealing.js'
import { canonicalJson } from './canonical-json.js'
import { selectProOrder } from './select-order.js'

export const CONFIRM_SCOPE = 'checkout-confirm'
/** How long a confirm's hold on its key outlives the confirm's process (it is renewed while it works). */
const LEASE_MS = 30_000

export interface ConfirmDeps {
  pool: pg.Pool
  pro: Pick<ProClient, 'selectOrder'>
  jobs: Pick<JobQueue, 'enqueueFulfilment'>
  now: () => Date
  idempotencyTtlSeconds: number
  log: Log
  leaseMs?: number
  /** Fresh options for a stored request (saved as offers), to replace an option already used. */
  requote: (request: NormalisedOptionsRequest) => Promise<CheckoutOption[]>
}

export interface ConfirmOutcome {
  status: 201
  body: ConfirmResponse
  replayed: boolean
}

interface Attempt {
  deps: ConfirmDeps
  key: string
  keyHash: string
  request: ConfirmRequest
  lease: Lease
}

const inProgress = () => new AppError('IDEMPOTENCY_IN_PROGRESS', { detail: 'The first request with this key is still running; retry shortly', retryAfterSeconds: 1 })

/**
 * Turns a chosen option into a PRO order, exactly once per Idempotency-Key. Whoever works on a key
 * holds its lease (renewed while it works); every write after PRO answered proves it still does.
 * The intent (order row, sealed token) is written before PRO is called, PRO's answer the moment it
 * arrives, and the fulfilment job in the same transaction as the `accepted` status.
 */
export async function confirmOrder (deps: ConfirmDeps, key: string, request: ConfirmRequest): Promise<ConfirmOutcome> {
  const keyHash = hashIdempotencyKey(CONFIRM_SCOPE, key)
  const requestHash = createHash('sha256').update(canonicalJson(request)).digest('hex')
  const claimed = await keys.claimKey(deps.pool, { scope: CONFIRM_SCOPE, keyHash, requestHash, ttlSeconds: deps.idempotencyTtlSeconds })
  const settled = answerSettled(claimed, requestHash, key)
  if (settled) return settled

  const lease = await acquireLease(deps.pool, `idempotency:${CONFIRM_SCOPE}:${keyHash}`, { ttlMs: deps.leaseMs ?? LEASE_MS, log: deps.log })
  if (!lease) throw inProgress()
  try {
    // Read again under the lease: the previous holder may have finished or given up meanwhile.
    const record = await keys.findKey(deps.pool, CONFIRM_SCOPE, keyHash) ??
      await keys.claimKey(deps.pool, { scope: CONFIRM_SCOPE, keyHash, requestHash, ttlSeconds: deps.idempotencyTtlSeconds })
    const attempt: Attempt = { deps, key, keyHash, request, lease }
    const done = answerSettled(record, requestHash, key)
    if (done) return done
    if (record.resourceId !== null && record.sealedSecret !== null) {
      deps.log.info({ orderId: record.resourceId }, 'resuming an interrupted confirm')
      return await resume(attempt, record.resourceId, unseal(record.sealedSecret, key))
    }
    return await start(attempt)
  } catch (err) {
    throw isLeaseLost(err) ? inProgress() : err
  } finally {
    // Ending the lease lets the client's retry resume at once (after a crash, it runs out by itself).
    await lease.release().catch(() => undefined)
  }
}

/** The answer for a key used with another body or already completed; undefined while work is left. */
function answerSettled (record: keys.IdempotencyRecord, requestHash: string, key: string): ConfirmOutcome | undefined {
  if (record.requestHash !== requestHash) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', { detail: 'This Idempotency-Key was first used with a different body; use a new key for a new request' })
  }
  if (record.state !== 'completed' || record.sealedSecret === null) return undefined
  const stored = record.responseBody as Omit<ConfirmResponse, 'orderToken'>
  return { status: 201, body: { ...stored, orderToken: unseal(record.sealedSecret, key) }, replayed: true }
}

async function start (attempt: Attempt): Promise<ConfirmOutcome> {
  const { deps, request, lease } = attempt
  const offer = await findOffer(deps.pool, request.optionId)
  try {
    if (!offer) {
      throw new AppError('OPTION_NOT_FOUND', { detail: `Option ${request.optionId} was not offered by /checkout/options` })
    }
    ensureQuotedItems(request, offer)
    await ensureNotExpired(deps, offer)
  } catch (err) {
    await lease.write((client) => keys.forgetKey(client, CONFIRM_SCOPE, attempt.keyHash))
    throw err
  }

  const orderId = randomUUID()
  const token = newOrderToken()
  const recorded = await recordIntent(attempt, offer, orderId, token) ||
    await recordIntent(attempt, await equivalentFreshOffer(attempt, offer), orderId, token)
  if (!recorded) throw new Error(`option ${offer.optionId} was re-quoted but the fresh option was taken too`)
  return resume(attempt, orderId, token)
}

/** Rolls back the transaction that found its option used. */
class OptionTaken extends Error {}

/** The order row, the key's sealed token and the option's single use, in one fenced transaction; false if the option is used. */
async function recordIntent (attempt: Attempt, offer: OptionOffer, orderId: string, token: string): Promise<boolean> {
  const { request, lease } = attempt
  try {
    await lease.write(async (client) => {
      await orders.insertOrder(client, {
        id: orderId,
        merchantReference: request.orderReference,
        optionId: offer.optionId,
        optionSnapshot: offer.option,
        items: offer.request.items,
        destination: offer.request.destination,
        metadata: request.metadata ?? {},
        status: 'confirming',
        tokenHash: hashOrderToken(token)
      })
      if (!await claimOption(client, offer.optionId, orderId)) throw new OptionTaken()
      await keys.attachResource(client, CONFIRM_SCOPE, attempt.keyHash, orderId, seal(token, attempt.key))
    })
    return true
  } catch (err) {
    if (err instanceof OptionTaken) return false
    throw err
  }
}

/**
 * Re-quotes the used option's request and picks the fresh option that keeps its promise: same day,
 * window, type and pickup point, price not higher (the cheapest, the same service first). Without
 * one, 409 OPTION_ALREADY_USED with the cheapest fresh option of that day and type, if any.
 */
async function equivalentFreshOffer (attempt: Attempt, used: OptionOffer): Promise<OptionOffer> {
  const { deps } = attempt
  const was = used.option
  const fresh = (await deps.requote(used.request)).filter((o) => o.id !== was.id && o.type === was.type && o.date === was.date)
  const byPrice = (a: CheckoutOption, b: CheckoutOption) =>
    Number(a.price.gross) - Number(b.price.gross) || Number(b.serviceReference === was.serviceReference) - Number(a.serviceReference === was.serviceReference)
  const equivalent = fresh
    .filter((o) => o.window.start === was.window.start && o.window.end === was.window.end && o.pickupPointId === was.pickupPointId &&
      Number(o.price.gross) <= Number(was.price.gross))
    .sort(byPrice)[0]
  const offer = equivalent && await findOffer(deps.pool, equivalent.id)
  if (offer) {
    deps.log.info({ usedOptionId: was.id, optionId: offer.optionId }, 'option already used for another order; ordering the equivalent fresh option')
    return offer
  }
  await attempt.lease.write((client) => keys.forgetKey(client, CONFIRM_SCOPE, attempt.keyHash))
  const alternative = fresh.sort(byPrice)[0]
  throw new AppError('OPTION_ALREADY_USED', {
    detail: `Option ${was.id} was already used for another order and no equivalent option is offered now`,
    extensions: alternative ? { alternative } : {}
  })
}

/** PRO fixed the order's items when it quoted them: items sent again must be the same basket (in any order). */
function ensureQuotedItems (request: ConfirmRequest, offer: OptionOffer): void {
  if (request.items === undefined || canonicalJson(normaliseItems(request.items)) === canonicalJson(offer.request.items)) return
  throw new AppError('BASKET_CHANGED', {
    detail: `The items differ from the basket option ${offer.optionId} was quoted for; ask /checkout/options for the new basket`
  })
}

async function ensureNotExpired (deps: ConfirmDeps, offer: OptionOffer): Promise<void> {
  const now = deps.now()
  if (offer.cutOff.getTime() > now.getTime()) return
  const option = offer.option
  const alternative = await findAlternative(deps.pool, { requestKey: offer.requestKey, date: option.date, type: option.type, now })
  throw new AppError('OPTION_EXPIRED', {
    detail: `Option ${offer.optionId} passed its cut-off at ${option.cutOff}`,
    extensions: alternative ? { alternative: alternative.option } : {}
  })
}

async function resume (attempt: Attempt, orderId: string, token: string): Promise<ConfirmOutcome> {
  const { deps, lease } = attempt
  const order = await orders.findOrder(deps.pool, orderId)
  if (!order) throw new Error(`order ${orderId} of an idempotency record is missing`)
  const proOrderReference = order.proOrderReference ??
    await selectProOrder(deps, lease, CONFIRM_SCOPE, attempt.keyHash, order, attempt.request)

  const body: Omit<ConfirmResponse, 'orderToken'> = {
    orderId,
    proOrderReference,
    status: 'accepted',
    statusUrl: `/checkout/orders/${orderId}`
  }
  await lease.write(async (client) => {
    if (await orders.markAccepted(client, orderId, proOrderReference)) await deps.jobs.enqueueFulfilment(client, orderId)
    await keys.completeKey(client, CONFIRM_SCOPE, attempt.keyHash, 201, body)
  })
  deps.log.info({ orderId, proOrderReference }, 'order confirmed')
  return { status: 201, body: { ...body, orderToken: token }, replayed: false }
}
