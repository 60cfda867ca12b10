import { setTimeout as sleep } from 'node:timers/promises'
import { randomUUID } from 'node:crypto'
import { acquireLease, holderSignal, isLeaseLost } from '../leases/lease.js'
import { isProError } from '../pro/errors.js'
import { MANIFESTABLE_STATES, MANIFESTED_STATES } from '../pro/states.js'
import * as consignments from '../store/consignments.js'
import * as manifests from '../store/manifests.js'
import type { FulfilmentDeps, StepDeps } from './deps.js'
import { fromConsignment } from './allocate-step.js'
import { advanceOrder } from './order-progress.js'
import { mapLimit } from '../map-limit.js'

/** Consignment reads in flight while a batch's states are read back (within the client's rate cap). */
const READ_BACK_CONCURRENCY = 8

export interface BatchSummary {
  batchId: string
  shippingLocation: string
  carrier: string | null
  requested: number
  manifested: number
  failed: number
}

export interface ManifestRunSummary {
  /** True when another run was under way and this one did nothing. */
  skipped: boolean
  reconciled: number
  batches: BatchSummary[]
}

/**
 * A manifest call transmits a whole batch to carriers and may take PRO a while; its lease (which
 * bounds the call) stays at least this long even when pass leases are short.
 */
const MANIFEST_LEASE_MIN_MS = 30_000

/**
 * One manifest run: settles what an interrupted run left `Manifesting` (by reading PRO, never by
 * manifesting again), then manifests the labelled consignments in one call per (warehouse, carrier)
 * and reads back each consignment's state. A consignment that failed waits for the next run.
 */
export async function runManifest (deps: FulfilmentDeps): Promise<ManifestRunSummary> {
  // Runs never overlap (the lease is fenced and renewed): a live run's `Manifesting` consignments
  // must not look abandoned to another, and a run that lost its lease writes nothing more.
  const lease = await acquireLease(deps.pool, MANIFEST_LEASE, { ttlMs: Math.max(deps.passLeaseMs, MANIFEST_LEASE_MIN_MS), log: deps.log })
  if (!lease) {
    deps.log.info({}, 'a manifest run is already under way; skipped')
    return { skipped: true, reconciled: 0, batches: [] }
  }
  try {
    return await manifestAll({
      ...deps,
      pro: deps.pro.within({ deadline: lease.deadline, signal: holderSignal(lease, deps.stopSignal) }),
      write: (work) => lease.write(work)
    })
  } finally {
    await lease.release().catch((err: unknown) => { deps.log.warn({ err }, 'releasing the manifest-run lease failed; it runs out by itself') })
  }
}

const MANIFEST_LEASE = 'manifest-run'

async function manifestAll (deps: StepDeps): Promise<ManifestRunSummary> {
  const reconciled = await settleUnfinished(deps)
  const batches: BatchSummary[] = []
  for (const group of await manifests.listGroups(deps.pool)) {
    try {
      const batch = await manifestGroup(deps, group)
      if (batch) batches.push(batch)
    } catch (err) {
      // One group's failure must not hold the others back; its consignments wait for the next run.
      deps.log.error({ err, group }, 'manifesting a group failed')
    }
  }
  if (batches.length > 0) deps.log.info({ batches }, 'manifest run done')
  return { skipped: false, reconciled, batches }
}

async function manifestGroup (deps: StepDeps, group: manifests.ManifestGroup): Promise<BatchSummary | undefined> {
  const batchId = randomUUID()
  const references = await deps.write(async (client) => {
    await manifests.createBatch(client, batchId, group)
    const rows = await manifests.claimGroup(client, batchId, group)
    if (rows.length === 0) await manifests.deleteBatch(client, batchId)
    return rows
  })
  if (references.length === 0) return undefined

  let results
  try {
    results = await deps.pro.manifestConsignments(references)
  } catch (err) {
    if (isProError(err) && err.outcomeUnknown) throw err
    // PRO certainly did not manifest them: give them back to the next run.
    await deps.write(async (db) => {
      for (const reference of references) await consignments.recordState(db, reference, 'Allocated')
      await manifests.finishBatch(db, batchId, { requested: references.length, manifested: 0, failed: references.length, message: 'manifest call refused' })
    })
    throw err
  }
  const message = results.filter((r) => !r.IsSuccess).map((r) => `${r.Data}: ${r.Message}`).join('; ') || null
  const accepted = new Set(results.filter((r) => r.IsSuccess && r.Data != null).map((r) => r.Data!.toUpperCase()))
  await deps.write((db) => manifests.markAccepted(db, batchId, references.filter((reference) => accepted.has(reference.toUpperCase()))))
  const states = await readBackUntilSettled(deps, references.map((reference) => ({ reference, accepted: accepted.has(reference.toUpperCase()) })))
  const manifested = states.filter((state) => state !== null && MANIFESTED_STATES.has(state)).length
  const summary = { batchId, shippingLocation: group.shippingLocation, carrier: group.carrier, requested: references.length, manifested, failed: references.length - manifested }
  await deps.write((db) => manifests.finishBatch(db, batchId, { requested: summary.requested, manifested, failed: summary.failed, message }))
  return summary
}

/** Pauses before reading again the consignments PRO is still manifesting (its manifests are queued). */
const SETTLE_PAUSES_MS = [250, 500, 1000, 2000]

/**
 * Reads the consignments back, and again after short pauses while PRO still shows some of them
 * manifesting (PRO-API.md §7.7 queues manifests), so a run normally ends with its batch settled;
 * whatever is still under way after the pauses stays `Manifesting` for the next run to read. Then
 * completes every order whose consignments are all manifested, once.
 */
async function readBackUntilSettled (deps: StepDeps, claimed: manifests.UnsettledConsignment[]): Promise<Array<string | null>> {
  const states = new Map<manifests.UnsettledConsignment, string | null>()
  let pending = claimed
  for (let round = 0; pending.length > 0; round++) {
    const read = await readStates(deps, pending)
    pending.forEach((item, index) => states.set(item, read[index] ?? null))
    pending = pending.filter((item) => { const state = states.get(item); return state != null && waitsForPro(state, item.accepted) })
    const pauseMs = SETTLE_PAUSES_MS[round]
    if (pending.length === 0 || pauseMs === undefined) break
    await sleep(pauseMs)
  }
  for (const item of pending) {
    deps.log.warn({ reference: item.reference, state: states.get(item), accepted: item.accepted }, 'PRO has not finished manifesting the consignment; a later run reads it again')
  }
  // Every labelled order whose consignments are all Manifested, not only this batch's: a read-back
  // cut short earlier may have recorded the states without completing the orders.
  for (const orderId of await manifests.listFullyManifestedOrders(deps.pool)) await advanceOrder(deps.write, orderId, 'manifested')
  return claimed.map((item) => states.get(item) ?? null)
}

async function settleUnfinished (deps: StepDeps): Promise<number> {
  const unsettled = await manifests.listUnsettled(deps.pool)
  if (unsettled.length > 0) deps.log.warn({ count: unsettled.length }, 'settling consignments an interrupted manifest run left behind')
  await readBackUntilSettled(deps, unsettled)
  return unsettled.length
}

/**
 * Whether a consignment stays `Manifesting` (not claimable) for a later run to read again: PRO is
 * still manifesting it, or PRO answered IsSuccess for it but still shows it as before the manifest
 * (PRO may queue manifests). Giving it back would manifest it, and transmit it to the carrier, twice.
 */
function waitsForPro (state: string, accepted: boolean): boolean {
  return state === 'Manifesting' || (accepted && MANIFESTABLE_STATES.has(state) && state !== 'ManifestFailed')
}

/**
 * Records each consignment's state as PRO has it now (every state from Manifested on counts as
 * manifested). A consignment PRO does not answer for, or is still working on, stays `Manifesting`;
 * the others are recorded all the same (one failed read must not hold a whole batch back).
 */
async function readStates (deps: StepDeps, claimed: manifests.UnsettledConsignment[]): Promise<Array<string | null>> {
  return mapLimit(claimed, READ_BACK_CONCURRENCY, async ({ reference, accepted }) => {
    try {
      const current = await deps.pro.getConsignment(reference)
      if (!waitsForPro(current.ConsignmentState, accepted)) {
        await deps.write((db) => consignments.recordAllocation(db, reference, fromConsignment(current)))
      }
      return current.ConsignmentState
    } catch (err) {
      if (isLeaseLost(err)) throw err
      deps.log.warn({ reference, err }, 'reading a consignment back failed; the next manifest run settles it')
      return null
    }
  })
}
