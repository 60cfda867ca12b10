import { formatKg, formatMoney, singleLine } from './text.js'
import type { CustomsDocumentData, CustomsLine } from './types.js'

export interface CustomsTotals {
  quantity: number
  value: number
  weightKg: number
}

export const lineValue = (line: CustomsLine): number => line.quantity * line.unitValue
export const lineWeightKg = (line: CustomsLine): number => line.quantity * line.weightKg

export function customsTotals (lines: CustomsLine[]): CustomsTotals {
  return lines.reduce<CustomsTotals>((totals, line) => ({
    quantity: totals.quantity + line.quantity,
    value: totals.value + lineValue(line),
    weightKg: totals.weightKg + lineWeightKg(line)
  }), { quantity: 0, value: 0, weightKg: 0 })
}

/** The item categories printed as tick boxes on CN22/CN23 forms. */
export const ITEM_CATEGORIES = ['Gift', 'Documents', 'Commercial sample', 'Returned goods', 'Sale of goods', 'Other'] as const
export type ItemCategory = typeof ITEM_CATEGORIES[number]

const squash = (text: string): string => text.toLowerCase().replace(/[^a-z]/g, '')

/**
 * Maps a free-text reason for export (PRO's CategoryType spellings such as `SaleOfGoods`, or prose) to a
 * form category; anything unrecognised is ticked as Other with the reason kept as the explanation.
 */
export function itemCategory (reasonForExport: string | undefined): { category: ItemCategory, explanation?: string } {
  const reason = singleLine(reasonForExport ?? '')
  if (reason === '' || squash(reason) === 'none') return { category: 'Sale of goods' }
  const match = ITEM_CATEGORIES.find(category => squash(category) === squash(reason))
  return match !== undefined && match !== 'Other' ? { category: match } : { category: 'Other', explanation: reason }
}

export function assertCustomsLines (data: CustomsDocumentData): void {
  if (data.lines.length === 0) {
    throw new RangeError(`customs document ${data.invoiceNumber} has no lines`)
  }
}

/** Cells for one goods row: description, HS code, origin, quantity, unit value, line value, line weight. */
export function lineCells (line: CustomsLine, currency: string): string[] {
  return [
    singleLine(line.description),
    singleLine(line.hsCode ?? ''),
    singleLine(line.countryOfOrigin),
    String(line.quantity),
    formatMoney(line.unitValue, currency),
    formatMoney(lineValue(line), currency),
    formatKg(lineWeightKg(line))
  ]
}
