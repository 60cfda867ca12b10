// What a chaos run prints at its end: the table, the details of what went wrong, the RESULT line and
// the CHAOS_RESULT line (JSON, read by test/chaos.test.ts).
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { tally } from './clients.mjs'
import { elapsed, seconds } from './helpers.mjs'
import { DATABASE_SERVER, MODE, SEED, WAIT_LIMIT_S } from './settings.mjs'
import { run } from './state.mjs'
import { describeWait, restarts } from './watch.mjs'

async function logLinesAbout (ids, perId = 12) {
  const files = (await readdir(run.logDir)).filter((name) => name.startsWith('service-')).sort()
  const texts = await Promise.all(files.map(async (name) => [name, await readFile(join(run.logDir, name), 'utf8')]))
  const out = []
  for (const id of ids) {
    const lines = texts.flatMap(([name, text]) => text.split('\n').filter((line) => line.includes(id)).map((line) => `   ${name}: ${line.slice(0, 400)}`))
    out.push(` log lines naming ${id} (${lines.length}):`, ...lines.slice(-perId))
  }
  return out.join('\n')
}

/** Prints the table and the details of the checks' `findings`; answers the summary of the CHAOS_RESULT line. */
export async function report (findings, result) {
  const {
    stats, spare, accepted, unheard, leftConfirming, substituted, lost, unmanifested, sharedAnswers, consignmentProblems, overManifested, strays,
    ours, manifestedOnce, optionOrder, duplicateLines, duplicatesAtKills, duplicatesOther, dup, lostSelect, unnamedWithoutSpare, spareProOrders,
    worst, worstAll, allLabelledAfterLast
  } = findings
  const rows = [
    ['mode', `${MODE}${MODE === 'two' ? ' (two services, one database)' : ''}, ${DATABASE_SERVER || MODE === 'two' ? 'PostgreSQL server' : 'embedded PostgreSQL'}`],
    ['seed', SEED],
    ['orders attempted', tally.attempted],
    ['confirmed (201)', tally.confirmed.length],
    ['  of them replayed (Idempotent-Replayed)', tally.replayed],
    ['gave up', tally.gaveUp.length],
    ['unexpected answers', tally.rejected.length],
    ['re-quoted by clients (checkouts / times)', `${tally.requotedCheckouts} / ${tally.requotes}`],
    ['option swapped by the service', substituted],
    ['kills (SIGKILL + restart)', restarts.length],
    ['worst restart downtime', restarts.length ? seconds(Math.max(...restarts.map((r) => r.readyAt - r.killedAt))) : '-'],
    ['worst wait after a restart', `${worst ? `${worst.open ? '>= ' : ''}${seconds(worst.ms)}` : '-'} (orders whose pass the killed process held: ${restarts.reduce((n, r) => n + r.held.size, 0)}; limit ${WAIT_LIMIT_S ? `${WAIT_LIMIT_S} s` : 'none'})`],
    ['  any order mid-fulfilment at a kill', `${worstAll ? `${worstAll.open ? '>= ' : ''}${seconds(worstAll.ms)}` : '-'} (${restarts.reduce((n, r) => n + r.watch.size, 0)} orders; includes retry backoff after PRO faults)`],
    ['all labelled after the last restart', allLabelledAfterLast === undefined ? '-' : seconds(allLabelledAfterLast)],
    ['orders accepted by the service', accepted.length],
    ['  without a 201 reaching a client', unheard.length],
    ['  left confirming (never accepted)', leftConfirming],
    ['manifested', `${accepted.filter((o) => o.status === 'manifested').length} / ${accepted.length}`],
    ['needs_attention', accepted.filter((o) => o.status === 'needs_attention').length],
    ['lost (201 but missing or not manifested)', lost.length],
    ['consignments manifested once', `${manifestedOnce} / ${ours}`],
    ['duplicates orders', `${dup.orders} (${duplicatesAtKills} of confirms under way at a kill; the other ${duplicatesOther} allowed <= lost select answers ${lostSelect})`],
    ['duplicates consignments', dup.consignments],
    ['duplicates allocations', dup.allocations],
    ['duplicates manifests', dup.manifests],
    ['lost answers selectOrder', lostSelect],
    ['lost answers, all operations', Object.values(stats.lostAnswers).reduce((a, b) => a + b, 0)],
    ['spare orders recorded by the service', spare === undefined ? 'n/a (no spare_orders table)' : spare],
    ['PRO orders no order row names', `${spareProOrders} (${unnamedWithoutSpare.length} without a spare_orders row for their order)`],
    ['manifest runs', result.manifestRuns],
    ['checkout phase', seconds(result.checkoutMs)],
    ['wall time', elapsed()]
  ]
  const width = Math.max(...rows.map(([k]) => k.length)) + 2
  console.log('\n' + rows.map(([k, v]) => `${k.padEnd(width)}${v}`).join('\n'))
  const calls = Object.entries(stats.counts).filter(([, n]) => n > 0).map(([op, n]) => `${op}=${n}`).join(' ')
  console.log(`\nPRO calls: ${calls}`)
  console.log(`lost answers: ${Object.entries(stats.lostAnswers).filter(([, n]) => n > 0).map(([op, n]) => `${op}=${n}`).join(' ') || 'none'}`)
  console.log(`client answers: ${[...tally.answers].sort().map(([k, v]) => `${k}: ${v}`).join('; ')}`)
  for (const r of restarts) {
    console.log(`restart of ${r.service}: down ${seconds(r.readyAt - r.killedAt)}; ${r.held.size} passes held by the killed process, longest wait ${describeWait(r.worstHeld)}; ` +
      `${r.watch.size} orders mid-fulfilment, longest wait ${describeWait(r.worstAll)}${r.closedAt !== undefined ? '; cut short by the next kill' : ''}${r.unclassified ? `; ${r.unclassified} leases unclassified` : ''}`)
  }
  for (const g of tally.gaveUp.slice(0, 10)) console.log(`gave up: checkout ${g.n}: ${g.reason}`)
  for (const r of tally.rejected.slice(0, 10)) console.log(`unexpected: checkout ${r.n}: ${r.status} ${r.code}`)
  for (const line of [...lost, ...unmanifested].slice(0, 20)) console.log(`NOT MANIFESTED: order ${line.orderId}: ${line.why}`)
  for (const line of [...sharedAnswers, ...consignmentProblems, ...overManifested].slice(0, 20)) console.log(`PROBLEM: ${line}`)
  for (const line of duplicateLines.slice(0, 10)) console.log(`duplicate order: ${line}`)
  for (const [reference, o] of unnamedWithoutSpare.slice(0, 10)) {
    console.log(`note: PRO order ${reference} (option ${o.deliveryOptionReference}, order ${optionOrder.get(o.deliveryOptionReference)?.id ?? 'none'}) is named by no order row and by no spare_orders row`)
  }
  for (const [reference, c] of strays.slice(0, 10)) console.log(`PROBLEM: PRO consignment ${reference} (${c.customerReference}, ${c.state}) is named by no order of the service`)
  const problemIds = [...lost, ...unmanifested].map((l) => l.orderId).slice(0, 5)
  if (problemIds.length > 0) console.log(await logLinesAbout(problemIds))

  return {
    seed: SEED,
    mode: MODE,
    attempted: tally.attempted,
    confirmed: tally.confirmed.length,
    gaveUp: tally.gaveUp.length,
    unexpected: tally.rejected.length,
    kills: restarts.length,
    worstWaitAfterRestartMs: worst?.ms ?? null,
    worstWaitAnyOrderMs: worstAll?.ms ?? null,
    lost: lost.length,
    unmanifested: unmanifested.length,
    duplicates: dup,
    duplicateOrdersAtKills: duplicatesAtKills,
    duplicateOrdersOther: duplicatesOther,
    lostSelectAnswers: lostSelect,
    consignments: ours,
    consignmentsManifestedOnce: manifestedOnce,
    spareOrders: spare ?? null,
    proOrdersUnnamed: spareProOrders,
    proOrdersUnnamedWithoutSpare: unnamedWithoutSpare.length,
    wallMs: Date.now() - run.started,
    failures: run.failures
  }
}

/** The last two lines: RESULT for people, CHAOS_RESULT (the summary, or the failures alone) for programs. */
export function printResult (summary) {
  const failures = run.failures
  console.log(failures.length === 0 ? '\nRESULT: PASS (nothing lost, nothing done twice)' : `\nRESULT: FAIL\n${failures.map((f) => ` - ${f}`).join('\n')}`)
  console.log(`CHAOS_RESULT ${JSON.stringify(summary ?? { failures })}`)
}
