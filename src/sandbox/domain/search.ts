import type { SandboxContext } from '../context.js'
import { invalidField } from '../errors.js'
import type { Consignment } from '../model.js'
import { presentSummary } from '../present/consignments.js'

type Query = Record<string, string | string[] | undefined>

function comparable (value: unknown, property: string): string | null {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object') return null
  const text = String(value).toLowerCase()
  return property === 'State' ? text.replace(/\s+/g, '') : text
}

/** The summary's property names, read off an empty consignment once. */
const SUMMARY_PROPERTIES = Object.keys(presentSummary({
  reference: '',
  orderReference: null,
  createdAt: new Date(0),
  shipment: { customerReference: null, shippingDate: null, requestedDeliveryDate: null, addresses: [], packages: [], metaData: [], customs: null, direction: 'Outbound', source: 'Api', tags: [] },
  state: 'Unallocated',
  allocation: null,
  failedAllocation: null,
  labelsPrinted: false,
  labelsFirstPrintedAt: null,
  manifestCount: 0,
  events: []
}, path => path))

/**
 * PRO's consignment search: every query parameter names a summary property (case-insensitively)
 * that must equal the given value; several values for one property mean any of them. Newest first.
 */
export function searchConsignments (context: SandboxContext, query: Query): Array<{ consignment: Consignment, summary: Record<string, unknown> }> {
  const consignments = [...context.state.consignments.values()].reverse()
  const filters = Object.entries(query).map(([name, raw]) => {
    const property = SUMMARY_PROPERTIES.find(candidate => candidate.toLowerCase() === name.toLowerCase())
    if (property === undefined) throw invalidField('InvalidSearchProperty', name, `${name} is not a consignment summary property.`)
    const wanted = (Array.isArray(raw) ? raw : [raw ?? '']).map(value => comparable(value, property))
    return { property, wanted }
  })
  return consignments
    .map(consignment => ({ consignment, summary: presentSummary(consignment, context.href) }))
    .filter(({ summary }) => filters.every(({ property, wanted }) => {
      const actual = comparable(summary[property], property)
      return actual !== null && wanted.includes(actual)
    }))
}
