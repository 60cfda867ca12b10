import fp from 'fastify-plugin'
import type { Config } from '../../config.js'
import type { OptionsResponse } from '../../schemas/checkout-options.js'
import { CoalescingCache } from '../../services/checkout/coalescing-cache.js'
import { createOptionsService, type OptionsService } from '../../services/checkout/options.js'
import { parseDefaultParcel } from '../../services/pro-mapping/parcel.js'

/** The time the options service goes by, in ms since the epoch. */
export interface OptionsClock {
  now: () => number
}

declare module 'fastify' {
  interface FastifyInstance {
    checkoutOptions: OptionsService
    /**
     * The wall clock, read by the answer cache (expiry) and by the options service (cut-offs).
     * Tests replace `now` to move past the cache's TTL without waiting for it.
     */
    checkoutOptionsClock: OptionsClock
  }
}

/** The checkout options service: PRO's interactive client, the database and a per-process answer cache. */
export default fp<{ config: Config }>(async function checkoutOptions (fastify, { config }) {
  const clock: OptionsClock = { now: () => Date.now() }
  const cache = new CoalescingCache<OptionsResponse>({
    maxEntries: config.OPTIONS_CACHE_MAX_ENTRIES,
    maxTtlMs: config.OPTIONS_CACHE_TTL_SECONDS * 1000,
    now: () => clock.now()
  })
  fastify.decorate('checkoutOptionsClock', clock)
  fastify.decorate('checkoutOptions', createOptionsService({
    pro: fastify.proOptions,
    db: fastify.db.pool,
    cache,
    defaultShippingLocation: config.DEFAULT_SHIPPING_LOCATION,
    requestDefaults: {
      parcel: parseDefaultParcel(config.DEFAULT_PARCEL),
      contactTitle: config.DEFAULT_CONTACT_TITLE,
      originCountry: config.ORIGIN_COUNTRY,
      customs: { category: config.CUSTOMS_CATEGORY, shippingTerms: config.CUSTOMS_SHIPPING_TERMS, reasonForExport: config.CUSTOMS_REASON_FOR_EXPORT }
    },
    now: () => new Date(clock.now()),
    log: fastify.log.child({ component: 'checkout-options' })
  }))
}, { name: 'checkout-options', dependencies: ['db', 'pro'] })
