import { addressLines, formatKg, singleLine } from './text.js'
import type { LabelData } from './types.js'

/** What every label format prints for one package, before any format-specific encoding. */
export interface LabelPage {
  carrier: string
  service: string
  packageCaption: string // "1 of 3"
  from: string[]
  to: string[]
  details: string[]
  trackingNumber: string
}

export function labelPages (data: LabelData): LabelPage[] {
  if (data.packages.length === 0) {
    throw new RangeError(`consignment ${data.consignmentReference} has no packages to label`)
  }
  const from = addressLines(data.from)
  const to = addressLines(data.to)
  const count = data.packages.length
  return data.packages.map((pkg, index) => ({
    carrier: singleLine(data.carrierName),
    service: singleLine(data.serviceName),
    packageCaption: `${index + 1} of ${count}`,
    from,
    to,
    details: [
      `Ship date: ${singleLine(data.shipDate)}`,
      `Consignment: ${singleLine(data.consignmentReference)}`,
      `Package: ${singleLine(pkg.packageReference)}`,
      `Weight: ${formatKg(pkg.weightKg)}`
    ],
    trackingNumber: singleLine(pkg.trackingNumber)
  }))
}
