import type { Price } from './schemas/common.js'

/** The tax part of a price, whichever of PRO's spellings (`TaxRate`/`VatRate`, `TaxAmount`/`VatAmount`) it used. */
export function priceTax (price: Price): { rate: number | undefined, amount: number | undefined } {
  return {
    rate: (price.TaxRate ?? price.VatRate)?.Rate,
    amount: price.TaxAmount ?? price.VatAmount ?? undefined
  }
}
