import type { FastifyInstance, InjectOptions } from 'fastify'
import { buildSandbox, type SandboxOptions } from '../../src/sandbox/app.js'

/** Shared set-up for the simulator tests: a movable clock, PRO headers and request builders. */

export const KEY = 'test-subscription-key'
export const PRO_HEADERS = { 'ocp-apim-subscription-key': KEY, 'electio-api-version': '1.1', 'content-type': 'application/json' }

/** Monday 2 June 2025, 10:00 in the UK (BST). */
export const MONDAY_MORNING = new Date('2025-06-02T09:00:00Z')

export class Clock {
  constructor (private current: Date = MONDAY_MORNING) {}
  now = (): Date => new Date(this.current)
  set (instant: Date | string): void {
    this.current = new Date(instant)
  }

  advance (ms: number): void {
    this.current = new Date(this.current.getTime() + ms)
  }
}

interface Teardown { teardown: (fn: () => unknown) => void }

export async function startSandbox (t: Teardown, options: SandboxOptions = {}): Promise<{ app: FastifyInstance, clock: Clock }> {
  const clock = new Clock()
  const app = await buildSandbox({ now: clock.now, ...options })
  t.teardown(async () => await app.close())
  return { app, clock }
}

export async function pro (app: FastifyInstance, method: InjectOptions['method'], url: string, payload?: unknown) {
  const response = await app.inject({ method, url, headers: PRO_HEADERS, ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }) })
  return { status: response.statusCode, body: response.body === '' ? undefined : response.json(), headers: response.headers }
}

export async function stats (app: FastifyInstance): Promise<any> {
  return (await app.inject({ method: 'GET', url: '/_sandbox/stats' })).json()
}

export function referenceOf (href: string): string {
  return href.split('/').pop() ?? ''
}

export interface ShipmentRequestOptions {
  origin?: string
  country?: string
  postcode?: string
  weightKg?: number
  items?: Array<{ sku: string, quantity?: number, value?: number }>
  packages?: number
}

export function destination (country = 'GB', postcode = 'M1 5WG') {
  return {
    AddressType: 'Destination',
    Contact: { Title: 'Mr', FirstName: 'Peter', LastName: 'McPetersson', Email: 'peter@example.com' },
    AddressLine1: '13 Porter Street',
    Town: country === 'GB' ? 'Manchester' : 'Paris',
    Postcode: postcode,
    Country: { IsoCode: { TwoLetterCode: country } }
  }
}

/** What PRO needs to declare a shipment leaving the UK (PRO-API.md §5; values from the vendor's examples). */
export const EXPORT_CUSTOMS = { CategoryType: 'SaleOfGoods', DeclarationDate: '2025-06-02T00:00:00+00:00', ReasonForExport: 'Sale', ShippingTerms: 'DAP' }

/** A consignment-shaped body (delivery options, create consignment), each package complete (weight, size, description, value). */
export function shipmentRequest (options: ShipmentRequestOptions = {}) {
  const items = (options.items ?? [{ sku: 'SKU-1' }]).map(item => ({
    Sku: item.sku,
    Description: `Item ${item.sku}`,
    Quantity: item.quantity ?? 1,
    Weight: { Value: 0.5, Unit: 'Kg' },
    Value: { Amount: item.value ?? 12.5, Currency: { IsoCode: 'GBP' } },
    CountryOfOrigin: { IsoCode: { TwoLetterCode: 'GB' } },
    HarmonisationCode: '691200'
  }))
  const packages = Array.from({ length: options.packages ?? 1 }, (_, index) => ({
    Weight: { Value: options.weightKg ?? 1, Unit: 'Kg' },
    Dimensions: { Unit: 'Cm', Width: 20, Length: 30, Height: 10 },
    Description: 'Parcel',
    Value: { Amount: index === 0 ? items.reduce((sum, item) => sum + item.Value.Amount * item.Quantity, 0) : 1, Currency: { IsoCode: 'GBP' } },
    Items: index === 0 ? items : []
  }))
  return {
    Packages: packages,
    Addresses: [
      { AddressType: 'Origin', ShippingLocationReference: options.origin ?? 'EDC5_Electio' },
      destination(options.country, options.postcode)
    ],
    ...(options.country !== undefined && options.country !== 'GB' && { CustomsDocumentation: EXPORT_CUSTOMS })
  }
}

/** A complete pack package (PRO-API.md §5 and §7.3) around the given items. */
export function packPackage (items: Array<{ Sku?: string, Reference?: string, Quantity?: number }>) {
  return {
    Weight: { Value: 1.3, Unit: 'Kg' },
    Dimensions: { Unit: 'Cm', Width: 15.4, Length: 21.7, Height: 10 },
    Description: 'Parcel',
    Value: { Amount: 25, Currency: { IsoCode: 'GBP' } },
    Items: items
  }
}

export async function createConsignment (app: FastifyInstance, options: ShipmentRequestOptions = {}): Promise<string> {
  const response = await pro(app, 'POST', '/consignments', shipmentRequest(options))
  if (response.status !== 200) throw new Error(`create consignment failed: ${JSON.stringify(response.body)}`)
  return referenceOf(response.body[0].Href)
}

export async function allocatedConsignment (app: FastifyInstance, options: ShipmentRequestOptions = {}): Promise<string> {
  const reference = await createConsignment(app, options)
  const response = await pro(app, 'PUT', '/allocation/allocate', { ConsignmentReferences: [reference] })
  if (response.status !== 200) throw new Error(`allocation failed: ${JSON.stringify(response.body)}`)
  return reference
}

/** Options → select → order; returns the order and the chosen option. */
export async function orderFromOption (app: FastifyInstance, options: ShipmentRequestOptions = {}): Promise<{ order: string, option: any }> {
  const offered = await pro(app, 'POST', '/deliveryoptions', shipmentRequest(options))
  const option = offered.body.DeliveryOptions[0]
  const selected = await pro(app, 'POST', '/deliveryoptions/selectorder', { DeliveryOptions: [{ Reference: option.Reference, OrderReferenceProvidedByCustomer: 'CUSTOMER-ORDER-1' }] })
  if (selected.status !== 200) throw new Error(`select failed: ${JSON.stringify(selected.body)}`)
  return { order: selected.body.SelectOrderResults[0].OrderReference, option }
}
