import type { CustomsDocumentData, LabelAddress, LabelData, LabelPackage } from '../../../src/sandbox/documents/index.js'

export const sender: LabelAddress = {
  name: 'Sorted Warehouse',
  company: 'Acme Retail Ltd',
  lines: ['Unit 4, Trafford Park', 'Ashburton Road West'],
  town: 'Manchester',
  postcode: 'M17 1RA',
  countryCode: 'GB'
}

export const recipient: LabelAddress = {
  name: 'Zoë Łukasiewicz',
  company: 'Müller & Søn GmbH',
  lines: ['Hauptstraße 12'],
  town: 'München',
  postcode: '80331',
  countryCode: 'DE'
}

export function packages (count: number): LabelPackage[] {
  return Array.from({ length: count }, (_, index) => ({
    packageReference: `EP-000-00${index + 1}`,
    trackingNumber: `JD00022123456789${String(index + 1).padStart(2, '0')}`,
    weightKg: 1.25 * (index + 1)
  }))
}

export function labelData (overrides: Partial<LabelData> = {}): LabelData {
  return {
    consignmentReference: 'EC-000-087-HG2',
    carrierName: 'DHL Parcel UK',
    serviceName: 'Next Day',
    shipDate: '2024-03-14',
    from: sender,
    to: recipient,
    packages: packages(2),
    ...overrides
  }
}

export function customsData (overrides: Partial<CustomsDocumentData> = {}): CustomsDocumentData {
  return {
    consignmentReference: 'EC-000-087-HG2',
    invoiceNumber: 'INV-2024-0042',
    invoiceDate: '2024-03-14',
    currency: 'GBP',
    from: sender,
    to: recipient,
    reasonForExport: 'SaleOfGoods',
    shippingTerms: 'DAP',
    shipperEori: 'GB123456789000',
    lines: [
      { description: 'Cotton T-shirt, navy', quantity: 3, unitValue: 12.5, weightKg: 0.2, countryOfOrigin: 'PT', hsCode: '610910' },
      { description: 'Leather wallet', quantity: 1, unitValue: 45, weightKg: 0.15, countryOfOrigin: 'IT', hsCode: '420232' }
    ],
    ...overrides
  }
}
