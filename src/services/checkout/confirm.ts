import { createHash, randomUUID } from 'node:crypto'
import type pg from 'pg'
import { AppError } from '../../errors.js'
import type { Log } from '../log.js'
import type { ProClient } from '../pro/client.js'
import { isProError, ProRejectedError } from '../pro/errors.js'
import type { JobQueue } from '../jobs/queue.js'
import type { ConfirmRequest, ConfirmResponse } from '../../schemas/checkout-orders.js'
import type { CheckoutOption } from '../../schemas/checkout-options.js'
import { findAlternative, findOffer, type OptionOffer } from '../store/option-offers.js'
import * as orders from '../store/orders.js'
import * as keys from '../store/idempotency.js'
import { inTransaction } from '../store/transaction.js'
import { hashOrderToken, newOrderToken } from './order-token.js'
import { hashIdempotencyKey, seal, unseal } from './sealing.js'
import { canonicalJson } from './canonical-json.js'

export const CONFIRM_SCOPE = 'checkout-confirm'
/** How long one confirm may hold its key before a retry may take it over. */
const LEASE_SECONDS = 30

export interface ConfirmDeps {
  pool: pg.Pool
  pro: Pick<ProClient, 'selectOrder'>
  jobs: Pick<JobQueue, 'enqueueFulfilment'>
  now: () => Date
  idempotencyTtlSeconds: number
  log: Log
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
}

/**
 * Turns a chosen option into a PRO order, exactly once per Idempotency-Key: the intent (order row,
 * sealed token) is written before PRO is called, PRO's answer the moment it arrives, and the
 * fulfilment job in the same transaction as the `accepted` status.
 */
export async function confirmOrder (deps: ConfirmDeps, key: string, request: ConfirmRequest): Promise<ConfirmOutcome> {
  const keyHash = hashIdempotencyKey(CONFIRM_SCOPE, key)
  const requestHash = createHash('sha256').update(canonicalJson(request)).digest('hex')
  const claim = await keys.claimKey(deps.pool, {
    scope: CONFIRM_SCOPE, keyHash, requestHash, leaseSeconds: LEASE_SECONDS, ttlSeconds: deps.idempotencyTtlSeconds
  })
  const attempt: Attempt = { deps, key, keyHash, request }
  if (claim.kind === 'existing') return answerExisting(claim.record, requestHash, key)
  try {
    if (claim.kind === 'resumed' && claim.record.resourceId !== null && claim.record.sealedSecret !== null) {
      deps.log.info({ orderId: claim.record.resourceId }, 'resuming an interrupted confirm')
      return await resume(attempt, claim.record.resourceId, unseal(claim.record.sealedSecret, key))
    }
    return await start(attempt)
  } catch (err) {
    // Whatever was recorded stays; ending the lease lets the client's retry resume at once
    // (after a crash, the lease runs out by itself).
    await keys.releaseKey(deps.pool, CONFIRM_SCOPE, keyHash).catch(() => undefined)
    throw err
  }
}

function answerExisting (record: keys.IdempotencyRecord, requestHash: string, key: string): ConfirmOutcome {
  if (record.requestHash !== requestHash) {
    throw new AppError('IDEMPOTENCY_KEY_REUSED', { detail: 'This Idempotency-Key was first used with a different body; use a new key for a new request' })
  }
  if (record.state !== 'completed' || record.sealedSecret === null) {
    throw new AppError('IDEMPOTENCY_IN_PROGRESS', { detail: 'The first request with this key is still running; retry shortly', retryAfterSeconds: 1 })
  }
  const stored = record.responseBody as Omit<ConfirmResponse, 'orderToken'>
  return { status: 201, body: { ...stored, orderToken: unseal(record.sealedSecret, key) }, replayed: true }
}

async function start (attempt: Attempt): Promise<ConfirmOutcome> {
  const { deps, request } = attempt
  const offer = await findOffer(deps.pool, request.optionId)
  try {
    if (!offer) {
      throw new AppError('OPTION_NOT_FOUND', { detail: `Option ${request.optionId} was not offered by /checkout/options` })
    }
    await ensureNotExpired(deps, offer)
  } catch (err) {
    await keys.forgetKey(deps.pool, CONFIRM_SCOPE, attempt.keyHash)
    throw err
  }

  const orderId = randomUUID()
  const token = newOrderToken()
  await inTransaction(deps.pool, async (client) => {
    await orders.insertOrder(client, {
      id: orderId,
      merchantReference: request.orderReference,
      optionId: offer.optionId,
      optionSnapshot: offer.option,
      items: request.items ?? offer.request.items,
      destination: offer.request.destination,
      metadata: request.metadata ?? {},
      status: 'confirming',
      tokenHash: hashOrderToken(token)
    })
    await keys.attachResource(client, CONFIRM_SCOPE, attempt.keyHash, orderId, seal(token, attempt.key))
  })
  return resume(attempt, orderId, token)
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
  const { deps } = attempt
  const order = await orders.findOrder(deps.pool, orderId)
  if (!order) throw new Error(`order ${orderId} of an idempotency record is missing`)
  const proOrderReference = order.proOrderReference ?? await createProOrder(attempt, order)

  const body: Omit<ConfirmResponse, 'orderToken'> = {
    orderId,
    proOrderReference,
    status: 'accepted',
    statusUrl: `/checkout/orders/${orderId}`
  }
  await inTransaction(deps.pool, async (client) => {
    if (order.status === 'confirming') {
      await orders.markAccepted(client, orderId, proOrderReference)
      await deps.jobs.enqueueFulfilment(client, orderId)
    }
    await keys.completeKey(client, CONFIRM_SCOPE, attempt.keyHash, 201, body)
  })
  deps.log.info({ orderId, proOrderReference }, 'order confirmed')
  return { status: 201, body: { ...body, orderToken: token }, replayed: false }
}

async function createProOrder (attempt: Attempt, order: orders.OrderRow): Promise<string> {
  const { deps, request } = attempt
  const metadata = Object.entries(request.metadata ?? {}).map(([KeyValue, StringValue]) => ({ KeyValue, StringValue }))
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
    await settleFailure(attempt, order.id, err)
    throw translate(err, order)
  }
  await orders.recordProOrderReference(deps.pool, order.id, reference)
  return reference
}

type SelectResults = Awaited<ReturnType<ProClient['selectOrder']>>['SelectOrderResults']

function acceptedReference (results: SelectResults, optionId: string): string {
  const result = results?.find((r) => r.DeliveryOptionReference === optionId) ?? results?.[0]
  if (result?.OrderReference && (result.Status === undefined || result.Status === null || (result.Status >= 200 && result.Status < 300))) {
    return result.OrderReference
  }
  throw new AppError('UPSTREAM_REJECTED', { detail: 'The shipping platform did not create the order' })
}

/** A failure PRO certainly did not act on frees the key; an uncertain one leaves it for a retry to resume. */
async function settleFailure (attempt: Attempt, orderId: string, err: unknown): Promise<void> {
  const { deps, keyHash } = attempt
  const certain = !isProError(err) || !err.outcomeUnknown
  if (certain) {
    await inTransaction(deps.pool, async (client) => {
      await orders.deleteUnconfirmedOrder(client, orderId)
      await keys.forgetKey(client, CONFIRM_SCOPE, keyHash)
    })
  } else {
    deps.log.warn({ orderId, err }, 'select-as-order outcome unknown; a retry with the same key will resume')
  }
}

function translate (err: unknown, order: orders.OrderRow): unknown {
  if (!(err instanceof ProRejectedError)) return err
  const option = order.optionSnapshot as CheckoutOption
  if (err.proCode === 'DeliveryOptionExpired') {
    return new AppError('OPTION_EXPIRED', { detail: `Option ${order.optionId} passed its cut-off at ${option.cutOff}` })
  }
  if (err.proCode === 'DeliveryOptionNotFound' || err.isNotFound) {
    return new AppError('OPTION_NOT_FOUND', { detail: `The shipping platform no longer knows option ${order.optionId}` })
  }
  return err
}
