/**
 * A bounded in-memory cache that also coalesces concurrent loads of one key into a single call.
 * Entries expire at the time the loader says (never later than `maxTtlMs`); the least recently
 * used entry is evicted beyond `maxEntries`.
 */
export interface CoalescingCacheOptions {
  maxEntries: number
  maxTtlMs: number
  now?: () => number
}

export interface Loaded<V> {
  value: V
  /** Absolute expiry (ms since epoch) suggested by the value itself, e.g. its earliest cut-off. */
  expiresAt?: number
}

export class CoalescingCache<V> {
  private readonly entries = new Map<string, { value: V, expiresAt: number }>()
  private readonly inFlight = new Map<string, Promise<V>>()
  private readonly now: () => number

  constructor (private readonly options: CoalescingCacheOptions) {
    this.now = options.now ?? Date.now
  }

  get size (): number {
    return this.entries.size
  }

  /** The cached value, or the result of the one load running for this key, or a new load. */
  async get (key: string, load: () => Promise<Loaded<V>>): Promise<{ value: V, source: 'cache' | 'shared' | 'upstream' }> {
    const hit = this.entries.get(key)
    if (hit && hit.expiresAt > this.now()) {
      this.entries.delete(key)
      this.entries.set(key, hit)
      return { value: hit.value, source: 'cache' }
    }
    if (hit) this.entries.delete(key)

    const running = this.inFlight.get(key)
    if (running) return { value: await running, source: 'shared' }

    const loading = this.loadAndStore(key, load)
    this.inFlight.set(key, loading)
    try {
      return { value: await loading, source: 'upstream' }
    } finally {
      this.inFlight.delete(key)
    }
  }

  private async loadAndStore (key: string, load: () => Promise<Loaded<V>>): Promise<V> {
    const loaded = await load()
    const expiresAt = Math.min(this.now() + this.options.maxTtlMs, loaded.expiresAt ?? Number.POSITIVE_INFINITY)
    if (expiresAt > this.now() && this.options.maxTtlMs > 0) {
      this.entries.set(key, { value: loaded.value, expiresAt })
      while (this.entries.size > this.options.maxEntries) {
        const oldest = this.entries.keys().next().value as string
        this.entries.delete(oldest)
      }
    }
    return loaded.value
  }
}
