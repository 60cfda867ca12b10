export type LabelFormat = 'PDF' | 'PNG' | 'ZPL' | 'ZPLII'

export interface LabelAddress {
  name: string
  company?: string
  lines: string[]
  town: string
  postcode: string
  countryCode: string
}

export interface LabelPackage {
  packageReference: string
  trackingNumber: string
  weightKg: number
}

export interface LabelData {
  consignmentReference: string
  carrierName: string
  serviceName: string
  shipDate: string // YYYY-MM-DD
  from: LabelAddress
  to: LabelAddress
  packages: LabelPackage[] // one label per package
}

export interface RenderedLabel {
  contentType: string
  data: Buffer
}

export type CustomsDocumentKind = 'CommercialInvoice' | 'CN22' | 'CN23'

export interface CustomsLine {
  description: string
  quantity: number
  unitValue: number
  weightKg: number // per unit, like unitValue; line weight = weightKg × quantity
  countryOfOrigin: string
  hsCode?: string
}

export interface CustomsDocumentData {
  consignmentReference: string
  invoiceNumber: string
  invoiceDate: string // YYYY-MM-DD
  currency: string
  from: LabelAddress
  to: LabelAddress
  lines: CustomsLine[]
  reasonForExport?: string
  shippingTerms?: string
  shipperEori?: string
}
