import { createHash, randomUUID } from 'node:crypto'
import { AppError } from '../../errors.js'
import type { ConsignmentView, CreateConsignment } from '../../schemas/consignments.js'
import { canonicalJson } from '../checkout/canonical-json.js'
import { acquireLease, isLeaseLost, type Lease } from '../leases/lease.js'
import { isProError, ProRejectedError } from '../pro/errors.js'
import { logRejection } from '../pro/rejections.js'
import * as consignments from '../store/consignments.js'
import * as staff from '../store/staff-consignments.js'
import { buildCreateRequest, isInternational, requestProblems } from './consignment-request.js'
import { intentKeyOf, type QuotesDeps } from './deps.js'
import { consignmentView, staffDetails, type StaffDetails } from './view.js'

export interface CreateOutcome {
  /** 201 when this request created it, 200 when the reference already named it. */
  status: 200 | 201
  view: ConsignmentView
}

/**
 * Creates a staff consignment in PRO exactly once per caller reference: the request holds the
 * reference's lease (fenced, renewed) while it works, the intent is recorded first, and a request
 * that finds an intent left without PRO's answer (a crash, a lost response) asks PRO for a
 * consignment carrying the reference before creating one.
 */
export async function createStaffConsignment (deps: QuotesDeps, request: CreateConsignment): Promise<CreateOutcome> {
  const international = isInternational(request, deps.originCountry)
  const problems = requestProblems(request, international)
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { errors: problems })

  const intentKey = intentKeyOf(request.reference)
  const requestHash = createHash('sha256').update(canonicalJson(request)).digest('hex')
  const lease = await acquireLease(deps.pool, `staff-create:${intentKey}`, { ttlMs: deps.claimTimeoutMs, log: deps.log })
  if (!lease) throw inProgress(request.reference)
  try {
    return await createHoldingLease({ ...deps, pro: deps.pro.within(lease) }, lease, request, { intentKey, requestHash, international })
  } catch (err) {
    throw isLeaseLost(err) ? inProgress(request.reference) : err
  } finally {
    await lease.release().catch(() => undefined)
  }
}

const inProgress = (reference: string) =>
  new AppError('OPERATION_IN_PROGRESS', { detail: `Consignment ${reference} is still being created; retry shortly`, retryAfterSeconds: 1 })

interface Intent { intentKey: string, requestHash: string, international: boolean }

async function createHoldingLease (deps: QuotesDeps, lease: Lease, request: CreateConsignment, intent: Intent): Promise<CreateOutcome> {
  const { intentKey, requestHash, international } = intent
  const id = randomUUID()
  const details: StaffDetails = { request, requestHash, international }
  const row = await lease.write((db) => consignments.recordIntent(db, {
    id, intentKey, orderId: null, source: 'staff', shippingLocation: request.origin.shippingLocation, details: { ...details }
  }))
  if (row.source !== 'staff' || staffDetails(row).requestHash !== requestHash) {
    throw new AppError('REFERENCE_IN_USE', {
      detail: `Reference ${request.reference} was first used for a different consignment${row.reference ? ` (${row.reference})` : ''}; use a new reference`
    })
  }
  if (row.reference !== null) return { status: 200, view: await consignmentView(deps.pool, row) }

  // An intent left by an earlier request (crashed, or its answer lost): PRO may hold the consignment.
  const reference = (row.id !== id ? await createdBefore(deps, request.reference) : undefined) ??
    await createInPro(deps, lease, request, intentKey)
  await lease.write((db) => consignments.recordCreated(db, intentKey, reference))
  deps.log.info({ reference, customerReference: request.reference }, 'staff consignment created')
  const created = await consignments.findByReference(deps.pool, reference)
  if (!created) throw new Error(`consignment ${reference} vanished after it was recorded`)
  return { status: 201, view: await consignmentView(deps.pool, created) }
}

async function createdBefore (deps: QuotesDeps, customerReference: string): Promise<string | undefined> {
  const found = await deps.pro.findConsignmentReferences({ ConsignmentReferenceProvidedByCustomer: customerReference })
  if (found.length > 1) deps.log.error({ customerReference, found }, 'PRO holds more than one consignment for one staff reference')
  if (found.length > 0) deps.log.info({ customerReference, reference: found[0] }, 'consignment found in PRO after an interrupted create')
  return found[0]
}

async function createInPro (deps: QuotesDeps, lease: Lease, request: CreateConsignment, intentKey: string): Promise<string> {
  try {
    return (await deps.pro.createConsignment(buildCreateRequest(request, deps.contactTitle))).consignmentReference
  } catch (err) {
    // Forgotten only when PRO certainly did not create it; otherwise a retry looks it up first.
    if (!isProError(err) || !err.outcomeUnknown) await lease.write((db) => staff.deleteIntent(db, intentKey))
    if (err instanceof ProRejectedError) logRejection(deps.log, err, { customerReference: request.reference }, 'PRO refused to create the consignment')
    throw translate(err)
  }
}

/**
 * A refusal that names the shipping location (the one field of the request only PRO can check) is
 * the caller's to correct; PRO's `Code` alone decides nothing.
 */
function translate (err: unknown): unknown {
  const namesShippingLocation = err instanceof ProRejectedError && [400, 422].includes(err.upstreamStatus) &&
    err.details.some((detail) => /ShippingLocationReference$/i.test(detail.Target ?? ''))
  if (namesShippingLocation) {
    return new AppError('VALIDATION_FAILED', {
      errors: [{ field: '/body/origin/shippingLocation', message: 'is not a shipping location of the account' }]
    })
  }
  return err
}
