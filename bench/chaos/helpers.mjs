// Small helpers of the chaos run.
import { sendJson } from '../lib/http.mjs'
import { REQUEST_TIMEOUT_MS } from './settings.mjs'
import { run } from './state.mjs'

/** mulberry32: a seeded generator, one per checkout so that its choices do not depend on timing. */
export function generator (seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
export const pick = (random, list) => list[Math.floor(random() * list.length)]
export const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`
export const elapsed = () => seconds(Date.now() - run.started)

/** One HTTP call of a client: never throws; status 0 = no answer (connection refused, reset, timeout). */
export async function call (url, { method = 'GET', headers = {}, body, timeoutMs = REQUEST_TIMEOUT_MS } = {}) {
  try {
    const { response, text } = await sendJson(url, { method, headers, body, signal: AbortSignal.timeout(timeoutMs) })
    let json
    try { json = text === '' ? undefined : JSON.parse(text) } catch { json = undefined }
    return {
      status: response.status,
      body: json,
      retryAfterS: Number(response.headers.get('retry-after')) || 0,
      replayed: response.headers.get('idempotent-replayed') === 'true'
    }
  } catch (err) {
    return { status: 0, error: err.cause?.code ?? err.name ?? String(err) }
  }
}

/** Full jitter, at least Retry-After. */
export const backoffMs = (attempt, retryAfterS = 0) =>
  Math.max(retryAfterS * 1000 + Math.random() * 250, Math.random() * Math.min(5000, 200 * 2 ** attempt))
