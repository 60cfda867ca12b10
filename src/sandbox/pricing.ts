import type { CarrierService } from './catalogue.js'
import type { Price } from './model.js'

const UK_VAT = 0.2

function round2 (value: number): number {
  return Math.round(value * 100) / 100
}

/** Price grows with total weight; faster and timed services have higher bases (see the catalogue). Exports are zero-rated. */
export function priceFor (service: CarrierService, totalWeightKg: number): Price {
  const net = round2(service.basePrice + service.pricePerKg * totalWeightKg)
  const rate = service.scope === 'international' ? 0 : UK_VAT
  const vat = round2(net * rate)
  return { net, vat, gross: round2(net + vat), rate, currency: 'GBP' }
}

/** Rough GBP value of an amount, for the CN22/CN23 threshold. */
const GBP_PER_UNIT: Record<string, number> = { GBP: 1, EUR: 0.85, USD: 0.79 }

export function toGbp (amount: number, currency: string): number {
  return amount * (GBP_PER_UNIT[currency.toUpperCase()] ?? 1)
}
