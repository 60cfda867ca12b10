import type { IsoDate } from './calendar.js'

/** The internal records of the simulator. Addresses are kept in PRO's own wire shape. */

export type ConsignmentState =
  | 'Unallocated'
  | 'Allocating'
  | 'AllocationFailed'
  | 'Allocated'
  | 'Manifesting'
  | 'Manifested'
  | 'ManifestFailed'
  | 'ReadyToShip'
  | 'Cancelling'
  | 'Cancelled'

export interface ProCountry { Name: string, IsoCode: { TwoLetterCode: string } }
export interface ProContact {
  Reference: string | null
  Title: string
  FirstName: string
  LastName: string
  Position: string | null
  Telephone: string
  Mobile: string
  LandLine: string
  Email: string
}
export interface LatLong { Latitude: number, Longitude: number }

export interface ProAddress {
  AddressType: string
  ShopLocationReference: string | null
  Contact: ProContact | null
  CompanyName: string | null
  ShippingLocationReference: string | null
  CustomerName: string | null
  AddressLine1: string | null
  AddressLine2: string | null
  AddressLine3: string | null
  Town: string | null
  Region: string | null
  Postcode: string
  Country: ProCountry | null
  RegionCode: string | null
  SpecialInstructions: string | null
  LatLong: LatLong | null
  IsCached: boolean
}

export interface MetaDataEntry {
  KeyValue: string
  StringValue?: string | null
  IntValue?: number | null
  DecimalValue?: number | null
  DateTimeValue?: string | null
  BoolValue?: boolean | null
}

export interface Dimensions { Unit: string, Width: number, Length: number, Height: number }

export interface Item {
  reference: string
  sku: string | null
  model: string | null
  description: string | null
  quantity: number
  weightKg: number | null
  dimensions: Dimensions | null
  value: number | null
  currency: string
  countryOfOrigin: string | null
  hsCode: string | null
  customerReference: string
  metaData: MetaDataEntry[]
}

export interface Package {
  reference: string
  customerReference: string
  weightKg: number
  dimensions: Dimensions | null
  packageSizeReference: string | null
  description: string | null
  value: number
  currency: string
  items: Item[]
  metaData: MetaDataEntry[]
}

export interface Price { net: number, vat: number, gross: number, rate: number, currency: string }
export interface TimeWindow { start: string, end: string }

/** What a shipment request carried; kept with option requests, orders and consignments alike. */
export interface ShipmentDetails {
  customerReference: string | null
  shippingDate: IsoDate | null
  requestedDeliveryDate: { date: IsoDate, exact: boolean } | null
  addresses: ProAddress[]
  packages: Package[]
  metaData: MetaDataEntry[]
  customs: Record<string, unknown> | null
  direction: string
  source: string
  tags: string[]
}

export interface OptionRequest {
  reference: string
  createdAt: Date
  shipment: ShipmentDetails
}

export interface PickupShopSummary {
  reference: string
  name: string
  address: ProAddress
}

export interface StoredOption {
  reference: string
  requestReference: string
  serviceReference: string
  deliveryDate: IsoDate
  dispatchDate: IsoDate
  window: TimeWindow
  guaranteed: boolean
  price: Price
  allocationCutOff: Date
  operationalCutOff: Date
  shop: PickupShopSummary | null
  orderReferences: string[]
}

export interface Order {
  reference: string
  createdAt: Date
  deliveryOptionReference: string | null
  earliestDelivery: string | null
  latestDelivery: string | null
  shipment: ShipmentDetails
  consignmentReferences: string[]
  /** Quantity packed so far, per order item reference. */
  packedQuantities: Map<string, number>
}

export interface Allocation {
  serviceReference: string
  groupReference: string | null
  allocatedAt: Date
  collectionDate: IsoDate
  estimatedDeliveryDate: IsoDate
  price: Price
  /** One per package, in package order. */
  trackingNumbers: string[]
}

export interface FailedAllocation {
  attemptedAt: Date
  message: string
  serviceReference: string | null
  groupReference: string | null
}

export interface TrackingEvent { at: Date, code: string, description: string, location: string }

export interface Consignment {
  reference: string
  orderReference: string | null
  createdAt: Date
  shipment: ShipmentDetails
  state: ConsignmentState
  allocation: Allocation | null
  failedAllocation: FailedAllocation | null
  labelsPrinted: boolean
  labelsFirstPrintedAt: Date | null
  manifestCount: number
  events: TrackingEvent[]
}

export interface Quote {
  reference: string
  requestReference: string
  consignmentReference: string
  serviceReference: string
  price: Price
  createdAt: Date
  expiresAt: Date
  collectionDate: IsoDate
  deliveryDate: IsoDate
}
