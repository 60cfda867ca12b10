import { request } from 'undici'

export interface ProbeResult {
  reachable: boolean
  /** HTTP status seen, or the network error code. */
  observed: string
  ms: number
}

/**
 * PRO is "reachable" when its host answers HTTP at all: the root path needs no key and any status
 * (401, 404…) proves DNS, TCP, TLS and the gateway work. Results are cached so a busy readiness
 * probe does not become load on PRO.
 */
export function createProProbe (baseUrl: string, options: { timeoutMs: number, cacheMs: number, now?: () => number }) {
  const now = options.now ?? Date.now
  let cached: { at: number, result: ProbeResult } | undefined

  async function probe (): Promise<ProbeResult> {
    const started = now()
    try {
      const response = await request(baseUrl, {
        method: 'GET',
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
        signal: AbortSignal.timeout(options.timeoutMs)
      })
      await response.body.dump()
      return { reachable: true, observed: `HTTP ${response.statusCode}`, ms: now() - started }
    } catch (err) {
      const code = (err as { code?: string }).code ?? (err as Error).name
      return { reachable: false, observed: code, ms: now() - started }
    }
  }

  return async function cachedProbe (): Promise<ProbeResult> {
    if (cached && now() - cached.at < options.cacheMs) return cached.result
    const result = await probe()
    cached = { at: now(), result }
    return result
  }
}
