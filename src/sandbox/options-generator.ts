import { addDays, addWorkingDays, isWorkingDay, londonDate, londonInstant, weekday, type IsoDate } from './calendar.js'
import type { CarrierService } from './catalogue.js'
import { exclusionReason, type ShipmentProfile } from './eligibility.js'
import type { Price, TimeWindow } from './model.js'
import { priceFor } from './pricing.js'
import type { ShippingLocation } from './shipping-locations.js'

/** Without a `DeliveryDate`, options reach this many days ahead (PRO-API.md §7.1). */
export const OPTION_HORIZON_DAYS = 14
/** A caller-supplied `DeliveryDate` further out than this is cut back, to bound the answer. */
const MAX_HORIZON_DAYS = 31

export interface OptionDraft {
  service: CarrierService
  dispatchDate: IsoDate
  deliveryDate: IsoDate
  window: TimeWindow
  price: Price
  allocationCutOff: Date
  operationalCutOff: Date
}

export interface OptionQuery {
  now: Date
  location: ShippingLocation
  services: readonly CarrierService[]
  profile: ShipmentProfile
  totalWeightKg: number
  earliestDispatch: IsoDate | null
  lastDeliveryDate: IsoDate | null
  guaranteedOnly: boolean
  /** Replaces the service window per day (a pickup shop's opening hours); null = no delivery that day. */
  windowOn?: (date: IsoDate) => TimeWindow | null
}

export function deliveryDateFor (service: CarrierService, dispatchDate: IsoDate): IsoDate | null {
  if (service.deliveryDays === 'saturday') return weekday(dispatchDate) === 5 ? addDays(dispatchDate, 1) : null
  return addWorkingDays(dispatchDate, service.transitDays)
}

/** One option per eligible service per dispatch day whose collection cut-off is still ahead. */
export function generateOptions (query: OptionQuery): OptionDraft[] {
  const today = londonDate(query.now)
  const horizon = addDays(today, MAX_HORIZON_DAYS)
  const requestedLast = query.lastDeliveryDate ?? addDays(today, OPTION_HORIZON_DAYS)
  const lastDelivery = requestedLast < horizon ? requestedLast : horizon
  const services = query.services.filter(service =>
    exclusionReason(service, query.profile) === null && (!query.guaranteedOnly || service.guaranteed))
  const drafts: OptionDraft[] = []
  let dispatch = query.earliestDispatch !== null && query.earliestDispatch > today ? query.earliestDispatch : today
  for (; dispatch < lastDelivery; dispatch = addDays(dispatch, 1)) {
    if (!isWorkingDay(dispatch)) continue
    const allocationCutOff = londonInstant(dispatch, query.location.collectionCutOff)
    if (allocationCutOff.getTime() <= query.now.getTime()) continue
    const operationalCutOff = londonInstant(dispatch, query.location.operationalCutOff)
    for (const service of services) {
      const deliveryDate = deliveryDateFor(service, dispatch)
      if (deliveryDate === null || deliveryDate > lastDelivery) continue
      const window = query.windowOn === undefined ? service.window : query.windowOn(deliveryDate)
      if (window === null) continue
      drafts.push({ service, dispatchDate: dispatch, deliveryDate, window, price: priceFor(service, query.totalWeightKg), allocationCutOff, operationalCutOff })
    }
  }
  return drafts.sort((a, b) =>
    a.deliveryDate.localeCompare(b.deliveryDate) || a.window.start.localeCompare(b.window.start) || a.price.gross - b.price.gross)
}
