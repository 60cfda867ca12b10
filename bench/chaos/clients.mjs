// Storefront clients: each checkout asks for options and confirms one, retrying with the same
// Idempotency-Key through faults and restarts, re-quoting when the option cannot be had.
import { randomUUID } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { backoffMs, call, generator, pick, seconds } from './helpers.mjs'
import { ADDRESSES, GIVE_UP_MS, IDENTICAL_RATE, LOCATIONS, MAX_REQUOTES, OPEN_FOR_MS, SEED } from './settings.mjs'
import { run } from './state.mjs'

export const tally = {
  attempted: 0,
  confirmed: [], // { n, key, orderId, orderToken, proOrderReference, optionId }
  gaveUp: [], // { n, reason }
  rejected: [], // { n, status, code }
  requotes: 0,
  requotedCheckouts: 0,
  replayed: 0,
  answers: new Map(), // "confirm 503 UPSTREAM_UNAVAILABLE" → count
  finished: 0
}
const countAnswer = (what, answer) => {
  const label = `${what} ${answer.status === 0 ? `no answer (${answer.error})` : `${answer.status}${answer.body?.code ? ` ${answer.body.code}` : ''}`}`
  tally.answers.set(label, (tally.answers.get(label) ?? 0) + 1)
}

/** Identical on purpose: the options cache hands these the same option ids, and they pick the same one. */
function popularCheckout (k) {
  const [line, town, postcode] = ADDRESSES[k]
  const locations = LOCATIONS.slice(0, 1 + (k % 3))
  return {
    identical: true,
    request: {
      items: locations.map((location, index) => ({
        sku: `CHAOS-POPULAR-${k}-${index}`, quantity: 1, weightKg: 0.8 + index / 10,
        unitPrice: { amount: '19.99', currency: 'GBP' }, shippingLocation: location
      })),
      destination: { name: `Popular ${k}`, email: `popular${k}@example.com`, phone: '07700900123', addressLines: [line], town, postcode, countryCode: 'GB' }
    }
  }
}

function checkoutSpec (n) {
  const random = generator(SEED * 1_000_003 + n)
  if (random() < IDENTICAL_RATE) return { ...popularCheckout(Math.floor(random() * 3)), random }
  const locations = [...LOCATIONS].sort(() => random() - 0.5).slice(0, 1 + Math.floor(random() * 3))
  const items = locations.flatMap((location, w) => Array.from({ length: 1 + Math.floor(random() * 2) }, (_, i) => ({
    sku: `CHAOS-${SEED}-${n}-${w}-${i}`,
    quantity: 1 + Math.floor(random() * 3),
    weightKg: Math.round((0.2 + random() * 1.5) * 10) / 10,
    unitPrice: { amount: (5 + Math.floor(random() * 7500) / 100).toFixed(2), currency: 'GBP' },
    shippingLocation: location
  })))
  const [line, town, postcode] = pick(random, ADDRESSES)
  const request = {
    items,
    destination: { name: `Customer ${n}`, email: `chaos${n}@example.com`, phone: `07700900${String(n % 1000).padStart(3, '0')}`, addressLines: [line], town, postcode, countryCode: 'GB' },
    ...(random() < 0.25 ? { include: ['delivery', 'pickup'] } : {})
  }
  return { identical: false, request, random }
}

export const serviceUrl = () => run.services.length === 1 ? run.services[0].url : pick(Math.random, run.services).url

/** POST /checkout/options until it answers 200 or the client gives up; the options open long enough. */
async function openOptions (spec, deadline) {
  for (let attempt = 0; ; attempt++) {
    const answer = await call(`${serviceUrl()}/checkout/options`, { method: 'POST', body: spec.request })
    countAnswer('options', answer)
    if (answer.status === 200) {
      const now = Date.now()
      return answer.body.options.filter((option) => Date.parse(option.cutOff) - now >= OPEN_FOR_MS)
    }
    if (answer.status >= 400 && answer.status < 500 && answer.status !== 429) throw new Error(`options answered ${answer.status}: ${JSON.stringify(answer.body)}`)
    if (Date.now() > deadline) return undefined
    await sleep(backoffMs(attempt, answer.retryAfterS))
  }
}

/**
 * One confirm attempt with one Idempotency-Key, retried with the same key and body until it settles:
 * `confirmed`, `requote` (the option cannot be had), `gaveUp` or `rejected`.
 */
async function confirmWithKey (body, deadline) {
  const key = randomUUID()
  for (let attempt = 0; ; attempt++) {
    const answer = await call(`${serviceUrl()}/checkout/confirm`, { method: 'POST', headers: { 'idempotency-key': key }, body })
    countAnswer('confirm', answer)
    const code = answer.body?.code
    if (answer.status === 201) return { kind: 'confirmed', key, answer }
    if (answer.status === 409 && (code === 'OPTION_EXPIRED' || code === 'OPTION_ALREADY_USED')) return { kind: 'requote', alternative: answer.body?.alternative, code }
    if (answer.status === 404 && code === 'OPTION_NOT_FOUND') return { kind: 'requote', code }
    const retryable = answer.status === 0 || answer.status >= 500 || answer.status === 429 || (answer.status === 409 && code === 'IDEMPOTENCY_IN_PROGRESS')
    if (!retryable) return { kind: 'rejected', status: answer.status, code: code ?? JSON.stringify(answer.body).slice(0, 200) }
    if (Date.now() > deadline) return { kind: 'gaveUp', reason: `confirm still ${answer.status === 0 ? answer.error : answer.status} after ${seconds(GIVE_UP_MS)}` }
    await sleep(backoffMs(attempt, answer.retryAfterS))
  }
}

export async function checkout (n) {
  tally.attempted++
  const spec = checkoutSpec(n)
  const deadline = Date.now() + GIVE_UP_MS
  const tried = new Set()
  let offered = await openOptions(spec, deadline)
  let requotes = 0
  let option
  for (;;) {
    if (offered === undefined) return tally.gaveUp.push({ n, reason: 'options kept failing' })
    const open = offered.filter((o) => !tried.has(o.id))
    if (!option) option = spec.identical ? open[0] : pick(spec.random, open)
    if (!option) return tally.gaveUp.push({ n, reason: `no open option left (${offered.length} offered, ${tried.size} tried)` })
    const body = { optionId: option.id, orderReference: `CHAOS-${SEED}-${n}`, metadata: { checkout: String(n), requotes: String(requotes) } }
    const outcome = await confirmWithKey(body, Math.max(deadline, Date.now() + GIVE_UP_MS / 2))
    if (outcome.kind === 'confirmed') {
      const { orderId, orderToken, proOrderReference } = outcome.answer.body
      if (outcome.answer.replayed) tally.replayed++
      return tally.confirmed.push({ n, key: outcome.key, orderId, orderToken, proOrderReference, optionId: option.id })
    }
    if (outcome.kind === 'gaveUp') return tally.gaveUp.push({ n, reason: outcome.reason })
    if (outcome.kind === 'rejected') return tally.rejected.push({ n, status: outcome.status, code: outcome.code })
    // A new option, with a new key: the alternative offered, else options again.
    tally.requotes++
    if (requotes++ === 0) tally.requotedCheckouts++
    if (requotes > MAX_REQUOTES) return tally.gaveUp.push({ n, reason: `re-quoted ${MAX_REQUOTES} times (${outcome.code})` })
    tried.add(option.id)
    option = outcome.alternative && !tried.has(outcome.alternative.id) ? outcome.alternative : undefined
    if (!option) offered = await openOptions(spec, Date.now() + GIVE_UP_MS / 2)
  }
}

export async function inParallel (count, parallel, work) {
  let next = 0
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < count) {
      const n = next++
      try {
        await work(n)
      } catch (err) {
        tally.rejected.push({ n, status: 'error', code: err.message })
      } finally {
        tally.finished++
      }
    }
  }))
}
