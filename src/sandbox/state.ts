import { randomUUID } from 'node:crypto'
import { notFound } from './errors.js'
import type { Consignment, OptionRequest, Order, Quote, StoredOption } from './model.js'
import { ReferenceGenerator } from './references.js'

/** Beyond this many stored options the oldest option requests are forgotten (load tests create many). */
const MAX_STORED_OPTIONS = 200_000

/** The simulator's whole memory: everything PRO would have in its database. */
export class SandboxState {
  readonly references = new ReferenceGenerator()
  /** The account's `CustomerReference` GUID, shown on every consignment. */
  readonly customerGuid = randomUUID()
  readonly optionRequests = new Map<string, OptionRequest & { optionReferences: string[] }>()
  readonly options = new Map<string, StoredOption>()
  readonly orders = new Map<string, Order>()
  readonly consignments = new Map<string, Consignment>()
  readonly quotes = new Map<string, Quote>()
  /** Consignments PRO is still manifesting, with when each becomes Manifested (§7.7: manifests are queued). */
  readonly manifesting = new Map<Consignment, Date>()

  clear (): void {
    this.manifesting.clear()
    this.optionRequests.clear()
    this.options.clear()
    this.orders.clear()
    this.consignments.clear()
    this.quotes.clear()
  }

  storeOptions (request: OptionRequest, options: StoredOption[]): void {
    this.optionRequests.set(request.reference, { ...request, optionReferences: options.map(option => option.reference) })
    for (const option of options) this.options.set(option.reference, option)
    for (const [reference, stored] of this.optionRequests) {
      if (this.options.size <= MAX_STORED_OPTIONS) break
      for (const optionReference of stored.optionReferences) this.options.delete(optionReference)
      this.optionRequests.delete(reference)
    }
  }

  order (reference: string): Order {
    const order = this.orders.get(reference.toUpperCase())
    if (order === undefined) throw notFound('OrderNotFound', `Order ${reference} not found`)
    return order
  }

  consignment (reference: string): Consignment {
    const consignment = this.consignments.get(reference.toUpperCase())
    if (consignment === undefined) throw notFound('ConsignmentNotFound', `Consignment ${reference} not found`)
    return consignment
  }
}
