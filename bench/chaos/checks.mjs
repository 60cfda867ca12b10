// The checks at the end of a chaos run, against the database and the simulator: nothing lost, nothing
// done twice. They add to run.failures and answer what the report prints.
import { tally } from './clients.mjs'
import { call, seconds } from './helpers.mjs'
import { WAIT_LIMIT_S } from './settings.mjs'
import { run } from './state.mjs'
import { optionalRows, restarts, worstWait } from './watch.mjs'

async function databaseRows () {
  const orders = (await run.monitorDb.query('SELECT id, status, status_reason, pro_order_reference, option_id, items FROM orders')).rows
  const consignments = (await run.monitorDb.query("SELECT c.id, c.order_id, c.reference, c.state, c.manifest_batch_id, c.shipping_location, EXISTS (SELECT 1 FROM documents d WHERE d.consignment_id = c.id AND d.kind = 'label') AS labelled FROM consignments c WHERE c.source = 'checkout'")).rows
  let spare
  try {
    spare = Number((await run.monitorDb.query('SELECT count(*) AS n FROM spare_orders')).rows[0].n)
  } catch (err) {
    if (err.code !== '42P01') throw err
    spare = undefined
  }
  return { orders, consignments, spare }
}

/** `lastReady`: when the last restart was ready (0: none); `labelledAt`: when every order was labelled. */
export async function check (simulatorUrl, lastReady, labelledAt) {
  const failures = run.failures
  await call(`${simulatorUrl}/_sandbox/faults`, { method: 'DELETE' })
  const stats = (await call(`${simulatorUrl}/_sandbox/stats`)).body
  const { orders, consignments, spare } = await databaseRows()
  const orderById = new Map(orders.map((o) => [o.id, o]))
  const consignmentsOf = new Map()
  for (const c of consignments) consignmentsOf.set(c.order_id, [...(consignmentsOf.get(c.order_id) ?? []), c])

  const answered = new Map()
  const sharedAnswers = []
  for (const c of tally.confirmed) {
    if (answered.has(c.orderId)) sharedAnswers.push(`order ${c.orderId} was answered to checkouts ${answered.get(c.orderId).n} and ${c.n}`)
    answered.set(c.orderId, c)
  }
  const lost = []
  const unmanifested = []
  for (const c of tally.confirmed) {
    const row = orderById.get(c.orderId)
    if (!row) lost.push({ orderId: c.orderId, why: `checkout ${c.n}: answered 201 but missing from the database` })
    else if (row.pro_order_reference !== c.proOrderReference) lost.push({ orderId: c.orderId, why: `checkout ${c.n}: answered ${c.proOrderReference}, the database holds ${row.pro_order_reference}` })
    else if (row.status !== 'manifested') lost.push({ orderId: c.orderId, why: `checkout ${c.n}: ${row.status}${row.status_reason ? ` (${row.status_reason})` : ''}` })
  }
  // Orders the service accepted though no client heard of it (it gave up, or the answer was lost).
  const unheard = orders.filter((o) => !answered.has(o.id) && o.status !== 'confirming')
  for (const o of unheard) if (o.status !== 'manifested') unmanifested.push({ orderId: o.id, why: `accepted without a 201 reaching a client, now ${o.status}${o.status_reason ? ` (${o.status_reason})` : ''}` })
  const leftConfirming = orders.filter((o) => o.status === 'confirming').length
  const substituted = tally.confirmed.filter((c) => orderById.get(c.orderId) && orderById.get(c.orderId).option_id !== c.optionId).length

  // Consignments: one per warehouse of each order, labelled, manifested once in PRO.
  const proConsignments = stats.consignments
  const known = new Set()
  const consignmentProblems = []
  let ours = 0
  let manifestedOnce = 0
  for (const o of orders.filter((o) => o.status !== 'confirming')) {
    const own = consignmentsOf.get(o.id) ?? []
    const warehouses = new Set(o.items.map((item) => item.shippingLocation ?? 'EDC5_Electio'))
    if (own.length !== warehouses.size) consignmentProblems.push(`order ${o.id}: ${own.length} consignments for ${warehouses.size} warehouses`)
    for (const c of own) {
      ours++
      if (c.reference) known.add(c.reference)
      const pro = c.reference ? proConsignments[c.reference] : undefined
      if (!c.reference || !pro) consignmentProblems.push(`consignment ${c.id} of order ${o.id}: ${c.reference ? `${c.reference} unknown to PRO` : 'no PRO reference'} (${c.state})`)
      else if (c.state !== 'Manifested' || !c.labelled || pro.manifestCount !== 1) {
        consignmentProblems.push(`consignment ${c.reference} of order ${o.id}: state ${c.state}, label ${c.labelled ? 'stored' : 'missing'}, PRO ${pro.state} manifested ${pro.manifestCount} time(s)`)
      } else manifestedOnce++
    }
  }
  const strays = Object.entries(proConsignments).filter(([reference]) => !known.has(reference))
  const overManifested = Object.entries(proConsignments).filter(([, c]) => c.manifestCount > 1).map(([reference, c]) => `${reference} manifested ${c.manifestCount} times`)
  // Duplicate PRO orders, by option: a confirm under way at a kill may have had PRO's answer in hand
  // (delivered, so not a lost answer) when the process died; its resumed confirm selects again.
  const optionOrder = new Map(orders.map((o) => [o.option_id, o]))
  for (const use of await optionalRows('SELECT option_id, order_id FROM option_uses')) if (!optionOrder.has(use.option_id) && orderById.has(use.order_id)) optionOrder.set(use.option_id, orderById.get(use.order_id))
  const proOrdersByOption = new Map()
  for (const [reference, o] of Object.entries(stats.orders)) proOrdersByOption.set(o.deliveryOptionReference, [...(proOrdersByOption.get(o.deliveryOptionReference) ?? []), reference])
  const cutConfirms = new Set(restarts.flatMap((r) => [...r.confirming]))
  let duplicatesAtKills = 0
  let duplicatesOther = 0
  const duplicateLines = []
  for (const [optionId, references] of proOrdersByOption) {
    if (references.length < 2) continue
    const order = optionOrder.get(optionId)
    const atKill = order !== undefined && cutConfirms.has(order.id)
    if (atKill) duplicatesAtKills += references.length - 1
    else duplicatesOther += references.length - 1
    duplicateLines.push(`option ${optionId} selected ${references.length} times (${references.join(', ')}): order ${order ? `${order.id} (${order.status}, names ${order.pro_order_reference})` : 'none'}; ` +
      (atKill ? 'its confirm was under way at a kill' : 'its confirm was not under way at any kill'))
  }
  const namedProOrders = new Set(orders.map((o) => o.pro_order_reference).filter(Boolean))
  const unnamed = Object.entries(stats.orders).filter(([reference]) => !namedProOrders.has(reference))
  // Each should be findable by staff: a spare_orders row for the order its option belongs to.
  const spareFor = new Set((await optionalRows('SELECT DISTINCT order_id FROM spare_orders')).map((row) => row.order_id))
  const unnamedWithoutSpare = unnamed.filter(([, o]) => !spareFor.has(optionOrder.get(o.deliveryOptionReference)?.id))
  const spareProOrders = unnamed.length

  // Waits after restarts: of the orders whose pass the killed process held (the acceptance figure),
  // and of every order mid-fulfilment at the kill (which includes retry backoff after PRO faults).
  for (const r of restarts) {
    r.unclassified = r.pendingLeases.size
    r.worstHeld = worstWait(r, r.held)
    r.worstAll = worstWait(r, r.watch.keys())
  }
  const worstOf = (key) => restarts.map((r) => r[key]).filter(Boolean).reduce((w, x) => (!w || x.ms > w.ms ? x : w), undefined)
  const worst = worstOf('worstHeld')
  const worstAll = worstOf('worstAll')
  const allLabelledAfterLast = lastReady > 0 ? labelledAt - lastReady : undefined

  const dup = stats.duplicates
  const lostSelect = stats.lostAnswers.selectOrder
  if (lost.length > 0) failures.push(`${lost.length} orders answered 201 are lost or not manifested`)
  if (unmanifested.length > 0) failures.push(`${unmanifested.length} accepted orders not manifested`)
  if (sharedAnswers.length > 0) failures.push(`${sharedAnswers.length} orders answered to two checkouts`)
  if (consignmentProblems.length > 0) failures.push(`${consignmentProblems.length} consignment problems`)
  if (overManifested.length > 0) failures.push(`${overManifested.length} PRO consignments manifested more than once`)
  if (strays.length > 0) failures.push(`${strays.length} PRO consignments no order of the service names`)
  for (const kind of ['consignments', 'allocations', 'manifests']) if (dup[kind] > 0) failures.push(`simulator duplicates ${kind}: ${dup[kind]}`)
  if (duplicatesOther > lostSelect) failures.push(`simulator duplicate orders not explained by a kill ${duplicatesOther} > lost select answers ${lostSelect}`)
  if (tally.rejected.length > 0) failures.push(`${tally.rejected.length} checkouts got an unexpected answer`)
  if (run.unexpectedExits.length > 0) failures.push(...run.unexpectedExits)
  if (WAIT_LIMIT_S > 0 && worst && worst.ms > WAIT_LIMIT_S * 1000) failures.push(`order ${worst.orderId}, whose pass the killed process held, waited ${seconds(worst.ms)} after the restart (limit ${WAIT_LIMIT_S} s)`)

  const accepted = orders.filter((o) => o.status !== 'confirming')
  return {
    stats, spare, accepted, unheard, leftConfirming, substituted, lost, unmanifested, sharedAnswers, consignmentProblems, overManifested, strays,
    ours, manifestedOnce, optionOrder, duplicateLines, duplicatesAtKills, duplicatesOther, dup, lostSelect, unnamedWithoutSpare, spareProOrders,
    worst, worstAll, allLabelledAfterLast
  }
}
