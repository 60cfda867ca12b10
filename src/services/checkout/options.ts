import type { CheckoutOption, OptionsRequest, OptionsResponse } from '../../schemas/checkout-options.js'
import type { Log } from '../log.js'
import type { ProClient } from '../pro/client.js'
import { saveOffers } from '../store/option-offers.js'
import type { Queryable } from '../store/transaction.js'
import type { CoalescingCache, Loaded } from './coalescing-cache.js'
import { earliestCutOff, mapOptionsResponse } from './options-mapping.js'
import {
  buildDeliveryOptionsRequest, buildPickupOptionsRequest, normaliseOptionsRequest, requestKey,
  type NormalisedOptionsRequest, type RequestDefaults
} from './options-request.js'

export interface OptionsServiceDeps {
  /** The client with short timeouts: a shopper is waiting. */
  pro: Pick<ProClient, 'deliveryOptions' | 'pickupOptions'>
  db: Queryable
  cache: CoalescingCache<OptionsResponse>
  defaultShippingLocation: string
  requestDefaults: RequestDefaults
  now: () => Date
  log: Log
}

export interface OptionsService {
  /**
   * Delivery (and pickup) options for a basket. Throws an AppError: VALIDATION_FAILED for unusable
   * input, and the PRO client's errors (503 UPSTREAM_UNAVAILABLE with Retry-After, 502 otherwise).
   */
  getOptions (request: OptionsRequest): Promise<OptionsResponse>
  /** Fresh options from PRO for a stored request, past the cache (saved as offers, like any answer). */
  requote (request: NormalisedOptionsRequest): Promise<CheckoutOption[]>
}

/**
 * Identical requests (same normalised body) share one PRO call while it runs and are answered
 * from memory afterwards, until the TTL or the earliest cut-off in the answer, whichever is first.
 * PRO says not to cache options; the TTL is kept short (default 60 s) and never outlives an option.
 */
export function createOptionsService (deps: OptionsServiceDeps): OptionsService {
  async function load (request: NormalisedOptionsRequest, key: string): Promise<Loaded<OptionsResponse>> {
    const wants = (kind: 'delivery' | 'pickup') => request.include.includes(kind)
    const now = deps.now()
    const [delivery, pickup] = await Promise.all([
      wants('delivery') ? deps.pro.deliveryOptions(buildDeliveryOptionsRequest(request, deps.requestDefaults, now)) : undefined,
      wants('pickup') ? deps.pro.pickupOptions(buildPickupOptionsRequest(request, deps.requestDefaults, now)) : undefined
    ])
    const response = mapOptionsResponse(delivery, pickup, {
      now,
      include: request.include,
      deliveryDateFrom: request.deliveryDateFrom,
      deliveryDateTo: request.deliveryDateTo,
      pickupRadiusKm: request.pickup?.radiusKm
    })
    // Saved before answering, so a confirm served by another replica finds the offer.
    await saveOffers(deps.db, key, request, response.options)
    deps.log.info({
      requestKey: key,
      origin: request.origin,
      offered: { delivery: delivery?.DeliveryOptions.length, pickupLocations: pickup?.Locations.length },
      options: response.options.length,
      pickupPoints: response.pickupPoints.length
    }, 'checkout options loaded')
    return { value: response, expiresAt: earliestCutOff(response.options) }
  }

  return {
    async getOptions (body) {
      const request = normaliseOptionsRequest(body, deps.defaultShippingLocation, deps.requestDefaults.originCountry)
      const key = requestKey(request)
      const { value, source } = await deps.cache.get(key, () => load(request, key))
      if (source !== 'upstream') deps.log.debug({ requestKey: key, source }, 'checkout options from cache')
      return value
    },
    async requote (request) {
      return (await load(request, requestKey(request))).value.options
    }
  }
}
