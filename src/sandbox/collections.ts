import { addDays, isWorkingDay, londonDate, londonInstant, type IsoDate } from './calendar.js'
import type { CarrierService } from './catalogue.js'
import { deliveryDateFor } from './options-generator.js'
import type { ShippingLocation } from './shipping-locations.js'

export interface Collection { date: IsoDate, cutOff: Date, deliveryDate: IsoDate }

const SEARCH_DAYS = 14

/** The first collection from a warehouse, still ahead of `now`, from which the service can deliver. */
export function nextCollection (location: ShippingLocation, service: CarrierService, now: Date, earliest: IsoDate | null): Collection | null {
  const today = londonDate(now)
  let date = earliest !== null && earliest > today ? earliest : today
  for (let day = 0; day < SEARCH_DAYS; day += 1, date = addDays(date, 1)) {
    if (!isWorkingDay(date)) continue
    const cutOff = londonInstant(date, location.collectionCutOff)
    if (cutOff.getTime() <= now.getTime()) continue
    const deliveryDate = deliveryDateFor(service, date)
    if (deliveryDate !== null) return { date, cutOff, deliveryDate }
  }
  return null
}
